package com.audiencesync.destination.marketap.emulator;

import com.audiencesync.destination.emulator.Emulator;
import com.audiencesync.destination.emulator.EmulatorFactory;
import com.audiencesync.destination.marketap.MarketapVendor;

/**
 * Registers {@link MarketapEmulator} for the sandbox, in
 * {@code META-INF/services/com.audiencesync.destination.emulator.EmulatorFactory}.
 */
public final class MarketapEmulatorFactory implements EmulatorFactory {

	@Override
	public String vendor() {
		return MarketapVendor.ID;
	}

	@Override
	public Emulator create(String apiKey) {
		return new MarketapEmulator(apiKey);
	}

}
