package com.audiencesync.spec;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The line of every key in a YAML document, so that errors found after binding can still
 * name the line.
 */
final class KeyLines {

	private final Map<String, Integer> lines = new HashMap<>();

	KeyLines(YAMLMapper mapper, String yaml) {
		try (JsonParser parser = mapper.createParser(yaml)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.PROPERTY_NAME) {
					this.lines.putIfAbsent(dotted(parser.streamReadContext().pathAsPointer().toString()),
							parser.currentTokenLocation().getLineNr());
				}
			}
		}
		catch (RuntimeException ex) {
			// binding reports the syntax error with its line; this index is only a help
		}
	}

	/** The line of the key, or of its nearest parent that has one; 0 when none does. */
	int lineOf(String path) {
		String current = path;
		while (!current.isEmpty()) {
			Integer line = this.lines.get(current);
			if (line != null) {
				return line;
			}
			int dot = current.lastIndexOf('.');
			current = (dot < 0) ? "" : current.substring(0, dot);
		}
		return 0;
	}

	static String dotted(String pointer) {
		String path = pointer.startsWith("/") ? pointer.substring(1) : pointer;
		return path.replace('/', '.').replace("~1", "/").replace("~0", "~");
	}

}
