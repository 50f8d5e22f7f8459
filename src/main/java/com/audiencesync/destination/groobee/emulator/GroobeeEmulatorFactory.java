package com.audiencesync.destination.groobee.emulator;

import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.EmulatorFactory;
import com.audiencesync.destination.groobee.GroobeeVendor;

/**
 * Registers {@link GroobeeEmulator} for the sandbox, in
 * {@code META-INF/services/com.audiencesync.destination.emulator.EmulatorFactory}.
 */
public final class GroobeeEmulatorFactory implements EmulatorFactory {

	@Override
	public String vendor() {
		return GroobeeVendor.ID;
	}

	@Override
	public Emulator create(String apiKey) {
		return new GroobeeEmulator(apiKey);
	}

}
