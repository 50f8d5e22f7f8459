package com.audiencesync.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

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
			int edits = edits(asked, name.toLowerCase(Locale.ROOT));
			if (edits < fewest) {
				fewest = edits;
				best = name;
			}
		}
		int allowed = Math.min(2, Math.max(1, asked.length() / 3));
		return (best != null && fewest <= allowed) ? Optional.of(best) : Optional.empty();
	}

	/** Optimal string alignment distance: Levenshtein's, with a swap as one edit. */
	static int edits(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int change = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
