package com.audiencesync.destination.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registered emulators
 * ({@code META-INF/services/com.audiencesync.destination.emulator.EmulatorFactory}), one
 * per vendor, in the order of the vendors' ids.
 */
public final class Emulators {

	private static final List<EmulatorFactory> ALL = ServiceLoader
		.load(EmulatorFactory.class, Emulators.class.getClassLoader())
		.stream()
		.map(ServiceLoader.Provider::get)
		.sorted(Comparator.comparing(EmulatorFactory::vendor))
		.toList();

	private Emulators() {
	}

	/** Every vendor's emulator factory, by vendor id. */
	public static List<EmulatorFactory> all() {
		return ALL;
	}

	/** The ids of the emulated vendors. */
	public static List<String> vendors() {
		return ALL.stream().map(EmulatorFactory::vendor).toList();
	}

}
