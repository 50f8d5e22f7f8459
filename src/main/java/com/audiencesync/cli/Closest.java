package com.audiencesync.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import com.audiencesync.spec.Spelling;

/**
 * The name a user probably meant: the known one fewest edits away (a letter left out,
 * added, changed or two swapped), if it is close enough to be a typo.
 */
final class Closest {

	private Closest() {
	}

	/** The closest name, at most two edits (and a third of its length) away. */
	static Optional<String> to(String word, Collection<String> names) {
		String asked = word.toLowerCase(Locale.ROOT);
		String best = null;
		int fewest = Integer.MAX_VALUE;
		for (String name : names) {
			int edits = Spelling.edits(asked, name.toLowerCase(Locale.ROOT));
			if (edits < fewest) {
				fewest = edits;
				best = name;
			}
		}
		int allowed = Math.min(2, Math.max(1, asked.length() / 3));
		return (best != null && fewest <= allowed) ? Optional.of(best) : Optional.empty();
	}

}
