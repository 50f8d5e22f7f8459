package com.audiencesync.destination.emulator;

/**
 * How the sandbox gets a vendor's emulator, registered once by the vendor's
 * {@code emulator} sub-package in
 * {@code META-INF/services/com.audiencesync.destination.emulator.EmulatorFactory}, the
 * way the vendor itself is registered for {@code Vendor}. It keeps emulators out of the
 * production SPI: nothing but the sandbox and tests asks for one.
 */
public interface EmulatorFactory {

	/** The vendor's id, the path segment its emulator is mounted under. */
	String vendor();

	/** A new emulator of the vendor's API that accepts that key. */
	Emulator create(String apiKey);

}
