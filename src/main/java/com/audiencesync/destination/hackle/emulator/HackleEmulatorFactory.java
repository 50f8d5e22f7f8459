package com.audiencesync.destination.hackle.emulator;

import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.EmulatorFactory;
import com.audiencesync.destination.hackle.HackleVendor;

/**
 * Registers {@link HackleEmulator} for the sandbox, in
 * {@code META-INF/services/com.audiencesync.destination.emulator.EmulatorFactory}.
 */
public final class HackleEmulatorFactory implements EmulatorFactory {

	@Override
	public String vendor() {
		return HackleVendor.ID;
	}

	@Override
	public Emulator create(String apiKey) {
		return new HackleEmulator(apiKey);
	}

}
