package com.audiencesync.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import com.audiencesync.transform.PhoneNumbers.Format;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path for {@code 010} numbers gives exactly libphonenumber's verdicts and
 * forms, on every one of the 10,000 prefixes in each common shape (010-597x to 010-599x,
 * which libphonenumber refuses, included), and leaves every other shape to it.
 */
class PhoneFastPathTests {

	@Test
	void everyPrefixInEveryCommonShapeGetsLibphonenumbersAnswer() {
		Random random = new Random(42);
		List<String> mismatches = new ArrayList<>();
		int valid = 0;
		for (int prefix = 0; prefix < 10_000; prefix++) {
			String head = String.format("%04d", prefix);
			for (int sample = 0; sample < 2; sample++) {
				String tail = String.format("%04d", random.nextInt(10_000));
				for (String shape : List.of("010" + head + tail, "010-" + head + "-" + tail, "010 " + head + " " + tail,
						"  010-" + head + "-" + tail + " ")) {
					for (Format format : Format.values()) {
						Optional<String> fast = PhoneNumbers.Mobile010.normalise(shape, format);
						Optional<String> slow = PhoneNumbers.slow(shape, format);
						if (fast == null || !fast.equals(slow)) {
							mismatches.add(shape + " " + format + ": fast " + fast + ", libphonenumber " + slow);
						}
						else if (fast.isPresent() && format == Format.E164) {
							valid++;
						}
					}
				}
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(valid).isPositive();
		assertThat(PhoneNumbers.normalise("010-5970-1234", Format.DASHED)).isEmpty();
		assertThat(PhoneNumbers.normalise("010-5960-1234", Format.DASHED)).contains("010-5960-1234");
	}

	@Test
	void otherShapesAreLeftToLibphonenumber() {
		for (String other : List.of("+82 10-1234-5678", "82-10-1234-5678", "02-123-4567", "011-234-5678",
				"010-123-4567", "010.1234.5678", "010-1234 5678", "010-12345-678", "O10-1234-5678", "", "   ",
				"010123456789")) {
			assertThat(PhoneNumbers.Mobile010.normalise(other, Format.DASHED)).as(other).isNull();
		}
		assertThat(PhoneNumbers.normalise("+82 10-1234-5678", Format.DASHED)).contains("010-1234-5678");
	}

}
