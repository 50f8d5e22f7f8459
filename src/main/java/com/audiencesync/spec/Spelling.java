package com.audiencesync.spec;

import java.util.Locale;

/**
 * How far apart two names are, for the hints that name what a user most likely meant: a
 * misspelled spec key, a mapped column an extract spells otherwise, a job name.
 */
public final class Spelling {

	private Spelling() {
	}

	/**
	 * Edits between two names, ignoring case; names equal once case and separators
	 * ({@code _}, {@code -}, spaces) are dropped are 0 apart ({@code batchSize},
	 * {@code batch_size}, {@code batch-size}).
	 */
	public static int distance(String a, String b) {
		String x = a.toLowerCase(Locale.ROOT);
		String y = b.toLowerCase(Locale.ROOT);
		if (bare(x).equals(bare(y))) {
			return 0;
		}
		return Math.min(edits(x, y), edits(bare(x), bare(y)));
	}

	private static String bare(String name) {
		return name.replaceAll("[_\\-\\s]", "");
	}

	/**
	 * Edits between two words as they are (case and separators count): optimal string
	 * alignment distance, Levenshtein's with a swap of neighbours as one edit.
	 */
	public static int edits(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
