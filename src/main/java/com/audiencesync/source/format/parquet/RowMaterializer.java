package com.audiencesync.source.format.parquet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * A Parquet record as the mapping reads a JSON object: a map of column to value, where
 * <ul>
 * <li>strings (and unannotated binary) are text, booleans booleans, integers
 * {@code Integer} or {@code Long} (an unsigned 64-bit above {@code Long.MAX_VALUE} a
 * {@code BigInteger}), floats and doubles {@code Double}, decimals exact
 * {@code BigDecimal}s;</li>
 * <li>a DATE is {@code 2026-11-22}; a TIMESTAMP adjusted to UTC (millis, micros, nanos)
 * and an INT96 are instants ({@code 2026-11-22T03:00:00Z}), one not adjusted a local
 * date-time, which the mapping places in the business zone; a TIME is
 * {@code 03:00:00};</li>
 * <li>lists (the standard three-level form and the older two-level ones) are lists, maps
 * maps with text keys, structs nested maps; a null is a null, and an absent optional
 * column is a null too;</li>
 * <li>other binary (a UUID aside, which is its text) is base64.</li>
 * </ul>
 */
final class RowMaterializer extends RecordMaterializer<Map<String, Object>> {

	private final StructConverter root;

	private Map<String, Object> current;

	RowMaterializer(MessageType schema) {
		this.root = new StructConverter(schema, (record) -> this.current = map(record));
	}

	@Override
	public Map<String, Object> getCurrentRecord() {
		return this.current;
	}

	@Override
	public GroupConverter getRootConverter() {
		return this.root;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object record) {
		return (Map<String, Object>) record;
	}

	/** The converter of a value of that type, handing each value to the sink. */
	static Converter of(Type type, Consumer<Object> sink) {
		if (type.isPrimitive()) {
			return new ParquetValue(type.asPrimitiveType(), sink);
		}
		GroupType group = type.asGroupType();
		LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
		if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1
				&& group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
			return new ListConverter(group, sink);
		}
		if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
				|| logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) && group.getFieldCount() == 1
				&& !group.getType(0).isPrimitive() && group.getType(0).asGroupType().getFieldCount() == 2) {
			return new MapConverter(group, sink);
		}
		return new StructConverter(group, sink);
	}

	/**
	 * A struct (and the record itself): a map of every field, nulls included; a repeated
	 * field outside a LIST is a list.
	 */
	static final class StructConverter extends GroupConverter {

		private final Converter[] fields;

		private final String[] names;

		private final boolean[] repeated;

		private final Consumer<Object> sink;

		private Map<String, Object> values;

		StructConverter(GroupType type, Consumer<Object> sink) {
			this.sink = sink;
			int count = type.getFieldCount();
			this.fields = new Converter[count];
			this.names = new String[count];
			this.repeated = new boolean[count];
			for (int i = 0; i < count; i++) {
				Type field = type.getType(i);
				String name = field.getName();
				this.names[i] = name;
				this.repeated[i] = field.isRepetition(Type.Repetition.REPEATED);
				this.fields[i] = of(field, this.repeated[i] ? (value) -> list(this.values.get(name)).add(value)
						: (value) -> this.values.put(name, value));
			}
		}

		@Override
		public Converter getConverter(int fieldIndex) {
			return this.fields[fieldIndex];
		}

		@Override
		public void start() {
			this.values = new LinkedHashMap<>(Math.max(4, this.names.length * 2));
			for (int i = 0; i < this.names.length; i++) {
				this.values.put(this.names[i], this.repeated[i] ? new ArrayList<>() : null);
			}
		}

		@Override
		public void end() {
			this.sink.accept(this.values);
		}

	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	/**
	 * A LIST: {@code group (LIST) { repeated group list { element } }}, or one of the
	 * older forms the format's compatibility rules name (a repeated primitive, a repeated
	 * group of several fields, one named {@code array} or {@code <name>_tuple}, whose
	 * every repetition is an element).
	 */
	static final class ListConverter extends GroupConverter {

		private final Converter repetition;

		private final Consumer<Object> sink;

		private List<Object> elements;

		ListConverter(GroupType type, Consumer<Object> sink) {
			this.sink = sink;
			Type repeated = type.getType(0);
			boolean elementIsRepetition = repeated.isPrimitive() || repeated.asGroupType().getFieldCount() > 1
					|| repeated.getName().equals("array") || repeated.getName().equals(type.getName() + "_tuple");
			this.repetition = elementIsRepetition ? of(repeated, (value) -> this.elements.add(value))
					: new Element(repeated.asGroupType(), (value) -> this.elements.add(value));
		}

		@Override
		public Converter getConverter(int fieldIndex) {
			return this.repetition;
		}

		@Override
		public void start() {
			this.elements = new ArrayList<>();
		}

		@Override
		public void end() {
			this.sink.accept(this.elements);
		}

	}

	/** The repeated group of a standard LIST: its one field is the element, or null. */
	static final class Element extends GroupConverter {

		private final Converter element;

		private final Consumer<Object> sink;

		private Object value;

		Element(GroupType repeated, Consumer<Object> sink) {
			this.sink = sink;
			this.element = of(repeated.getType(0), (value) -> this.value = value);
		}

		@Override
		public Converter getConverter(int fieldIndex) {
			return this.element;
		}

		@Override
		public void start() {
			this.value = null;
		}

		@Override
		public void end() {
			this.sink.accept(this.value);
		}

	}

	/** A MAP: {@code group (MAP) { repeated group key_value { key; value } }}. */
	static final class MapConverter extends GroupConverter {

		private final GroupConverter entry;

		private final Consumer<Object> sink;

		private Map<String, Object> entries;

		private Object key;

		private Object value;

		MapConverter(GroupType type, Consumer<Object> sink) {
			this.sink = sink;
			GroupType keyValue = type.getType(0).asGroupType();
			Converter keys = of(keyValue.getType(0), (key) -> this.key = key);
			Converter values = of(keyValue.getType(1), (value) -> this.value = value);
			this.entry = new GroupConverter() {

				@Override
				public Converter getConverter(int fieldIndex) {
					return (fieldIndex == 0) ? keys : values;
				}

				@Override
				public void start() {
					MapConverter.this.key = null;
					MapConverter.this.value = null;
				}

				@Override
				public void end() {
					MapConverter.this.entries.put(String.valueOf(MapConverter.this.key), MapConverter.this.value);
				}

			};
		}

		@Override
		public Converter getConverter(int fieldIndex) {
			return this.entry;
		}

		@Override
		public void start() {
			this.entries = new LinkedHashMap<>();
		}

		@Override
		public void end() {
			this.sink.accept(this.entries);
		}

	}

}
