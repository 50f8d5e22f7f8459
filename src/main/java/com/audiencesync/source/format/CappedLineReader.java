package com.audiencesync.source.format;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Hands a format's parser the extract's text with each line longer than
 * {@code max-line-bytes} replaced by {@link #TOO_LONG} (the line end kept, so line
 * numbers stay true): a 5 GB line costs no more memory than the limit, and the parser
 * reports it as a {@code LINE_TOO_LONG} row and goes on. A line is held at most once, up
 * to the limit, while it is measured.
 */
public final class CappedLineReader extends Reader {

	/**
	 * What an over-long line reads as: no extract holds a line of exactly these
	 * characters.
	 */
	public static final String TOO_LONG = "\u0000LINE_TOO_LONG\u0000";

	/** What an unreadable byte sequence decodes to (the UTF-8 decoder's replacement). */
	public static final char UNDECODABLE = '\uFFFD';

	private final Reader in;

	private final int maxLineBytes;

	/**
	 * The current line, measured, waiting to be handed on: its first {@link #lineLength}
	 * characters (an array copied into whole, not a builder a character at a time).
	 */
	private char[] line = new char[256];

	private int lineLength;

	private final char[] buffer = new char[64 * 1024];

	private int bufferEnd;

	private int bufferPosition;

	private long lineBytes;

	/** How much of the measured line was handed on. */
	private int readyPosition;

	private boolean eof;

	/**
	 * @param in the decoded text
	 * @param maxLineBytes the longest line kept, in UTF-8 bytes
	 */
	public CappedLineReader(Reader in, int maxLineBytes) {
		this.in = in;
		this.maxLineBytes = maxLineBytes;
	}

	/** The reason of a {@code LINE_TOO_LONG} row. */
	public static String tooLong(int maxLineBytes) {
		return "line longer than source.max-line-bytes (" + maxLineBytes + " bytes): not read";
	}

	/** The reason of a {@code BAD_ENCODING} row, or null when the text decoded well. */
	public static String undecodable(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == UNDECODABLE) {
				return "not valid UTF-8 (an undecodable byte sequence at character " + (i + 1) + ")";
			}
		}
		return null;
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		while (this.readyPosition >= this.lineLength) {
			if (!fill()) {
				return -1;
			}
		}
		int count = Math.min(length, this.lineLength - this.readyPosition);
		System.arraycopy(this.line, this.readyPosition, target, offset, count);
		this.readyPosition += count;
		return count;
	}

	/** Measures the next line (or the rest of the text) into {@link #line}. */
	private boolean fill() throws IOException {
		if (this.eof) {
			return false;
		}
		this.lineLength = 0;
		this.lineBytes = 0;
		boolean tooLong = false;
		while (true) {
			if (this.bufferPosition >= this.bufferEnd) {
				this.bufferEnd = this.in.read(this.buffer);
				this.bufferPosition = 0;
				if (this.bufferEnd < 0) {
					this.eof = true;
					this.bufferEnd = 0;
					break;
				}
			}
			int start = this.bufferPosition;
			int end = start;
			boolean lineEnd = false;
			while (end < this.bufferEnd) {
				char c = this.buffer[end++];
				if (c == '\n' || c == '\r') {
					lineEnd = true;
					break;
				}
				this.lineBytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
			}
			if (!tooLong && this.lineBytes > this.maxLineBytes) {
				tooLong = true;
				this.lineLength = 0;
			}
			if (!tooLong) {
				append(this.buffer, start, end - start);
			}
			else if (lineEnd) {
				append(this.buffer, end - 1, 1);
			}
			this.bufferPosition = end;
			if (lineEnd) {
				break;
			}
		}
		if (tooLong) {
			char[] marked = new char[Math.max(this.line.length, TOO_LONG.length() + this.lineLength)];
			TOO_LONG.getChars(0, TOO_LONG.length(), marked, 0);
			System.arraycopy(this.line, 0, marked, TOO_LONG.length(), this.lineLength);
			this.line = marked;
			this.lineLength += TOO_LONG.length();
		}
		this.readyPosition = 0;
		return this.lineLength > 0 || !this.eof;
	}

	private void append(char[] chars, int offset, int count) {
		if (this.lineLength + count > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.lineLength + count));
		}
		System.arraycopy(chars, offset, this.line, this.lineLength, count);
		this.lineLength += count;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
