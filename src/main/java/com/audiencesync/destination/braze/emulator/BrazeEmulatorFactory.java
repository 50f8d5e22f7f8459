package com.audiencesync.destination.braze.emulator;

import com.audiencesync.destination.braze.BrazeVendor;
import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.EmulatorFactory;

/**
 * Registers {@link BrazeEmulator} for the sandbox, in
 * {@code META-INF/services/com.audiencesync.destination.emulator.EmulatorFactory}.
 */
public final class BrazeEmulatorFactory implements EmulatorFactory {

	@Override
	public String vendor() {
		return BrazeVendor.ID;
	}

	@Override
	public Emulator create(String apiKey) {
		return new BrazeEmulator(apiKey);
	}

}
