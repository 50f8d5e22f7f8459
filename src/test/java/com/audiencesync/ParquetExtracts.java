package com.audiencesync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

/**
 * Parquet extracts written by parquet-java's own writer (its example object model), from
 * rows of plain Java values: text, numbers, booleans, {@link Binary} as it is,
 * {@link Instant} for an INT96, lists for LIST columns and maps for MAP and struct
 * columns. A null or absent value leaves an optional column unset.
 */
public final class ParquetExtracts {

	private ParquetExtracts() {
	}

	/** How a file is written. */
	public record Shape(CompressionCodecName codec, boolean dictionary, int rowGroupRows) {

		/** Snappy, dictionary-encoded, row groups of a million rows. */
		public static final Shape DEFAULT = new Shape(CompressionCodecName.SNAPPY, true, 1_000_000);

	}

	/** Writes the rows as a Parquet file of that schema ({@code message m { ... }}). */
	public static Path write(Path file, String schema, Shape shape, List<Map<String, Object>> rows) {
		MessageType type = MessageTypeParser.parseMessageType(schema);
		try {
			Files.deleteIfExists(file);
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
				.withType(type)
				.withConf(new PlainParquetConfiguration())
				.withCompressionCodec(shape.codec())
				.withDictionaryEncoding(shape.dictionary())
				.withRowGroupRowCountLimit(shape.rowGroupRows())
				.withPageSize(4 * 1024)
				.build()) {
				SimpleGroupFactory groups = new SimpleGroupFactory(type);
				for (Map<String, Object> row : rows) {
					Group group = groups.newGroup();
					fill(group, type, row);
					writer.write(group);
				}
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void fill(Group group, GroupType type, Map<?, ?> values) {
		for (Type field : type.getFields()) {
			Object value = values.get(field.getName());
			if (value == null) {
				continue;
			}
			if (field.isRepetition(Type.Repetition.REPEATED) && value instanceof List<?> each) {
				each.forEach((one) -> add(group, field, one));
			}
			else {
				add(group, field, value);
			}
		}
	}

	private static void add(Group group, Type field, Object value) {
		String name = field.getName();
		if (field.isPrimitive()) {
			if (value instanceof String text) {
				group.append(name, text);
			}
			else if (value instanceof Binary binary) {
				group.append(name, binary);
			}
			else if (value instanceof Integer number) {
				group.append(name, number);
			}
			else if (value instanceof Long number) {
				group.append(name, number);
			}
			else if (value instanceof Double number) {
				group.append(name, number);
			}
			else if (value instanceof Float number) {
				group.append(name, number);
			}
			else if (value instanceof Boolean bool) {
				group.append(name, bool);
			}
			else if (value instanceof Instant instant) {
				group.append(name, int96(instant));
			}
			else {
				throw new IllegalArgumentException(name + ": " + value.getClass());
			}
			return;
		}
		GroupType nested = field.asGroupType();
		Group child = group.addGroup(name);
		LogicalTypeAnnotation logical = nested.getLogicalTypeAnnotation();
		if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
			Type repetition = nested.getType(0);
			for (Object element : (List<?>) value) {
				if (repetition.isPrimitive() || element instanceof Map) {
					// the older two-level forms: each repetition is an element
					add(child, repetition, element);
					continue;
				}
				Group entry = child.addGroup(repetition.getName());
				if (element != null) {
					add(entry, repetition.asGroupType().getType(0), element);
				}
			}
		}
		else if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
			GroupType keyValue = nested.getType(0).asGroupType();
			((Map<?, ?>) value).forEach((key, entryValue) -> {
				Group entry = child.addGroup(keyValue.getName());
				add(entry, keyValue.getType(0), key);
				if (entryValue != null) {
					add(entry, keyValue.getType(1), entryValue);
				}
			});
		}
		else {
			fill(child, nested, (Map<?, ?>) value);
		}
	}

	/**
	 * An instant as Impala and Spark write INT96: nanos of the day, then the Julian day.
	 */
	public static Binary int96(Instant instant) {
		long day = Math.floorDiv(instant.getEpochSecond(), 86_400L);
		long nanos = Math.floorMod(instant.getEpochSecond(), 86_400L) * 1_000_000_000L + instant.getNano();
		ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
		bytes.putLong(nanos).putInt((int) (day + 2_440_588L));
		return Binary.fromConstantByteArray(bytes.array());
	}

}
