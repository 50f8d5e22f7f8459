package com.audiencesync.source.format.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A primitive value, by its physical and logical type. Text held in a dictionary is
 * decoded once per dictionary page, not once a row.
 */
final class ParquetValue extends PrimitiveConverter {

	private static final long NANOS_A_DAY = 86_400_000_000_000L;

	/** The Julian day of 1970-01-01, where INT96 timestamps count from. */
	private static final long JULIAN_EPOCH_DAY = 2_440_588;

	private final PrimitiveType type;

	private final LogicalTypeAnnotation logical;

	private final Consumer<Object> sink;

	private Object[] dictionary;

	ParquetValue(PrimitiveType type, Consumer<Object> sink) {
		this.type = type;
		this.logical = type.getLogicalTypeAnnotation();
		this.sink = sink;
	}

	@Override
	public boolean hasDictionarySupport() {
		return true;
	}

	@Override
	public void setDictionary(Dictionary dictionary) {
		this.dictionary = new Object[dictionary.getMaxId() + 1];
		for (int id = 0; id <= dictionary.getMaxId(); id++) {
			this.dictionary[id] = switch (this.type.getPrimitiveTypeName()) {
				case BINARY, FIXED_LEN_BYTE_ARRAY, INT96 -> binary(dictionary.decodeToBinary(id));
				case INT32 -> int32(dictionary.decodeToInt(id));
				case INT64 -> int64(dictionary.decodeToLong(id));
				case FLOAT -> float32(dictionary.decodeToFloat(id));
				case DOUBLE -> dictionary.decodeToDouble(id);
				case BOOLEAN -> dictionary.decodeToBoolean(id);
			};
		}
	}

	@Override
	public void addValueFromDictionary(int dictionaryId) {
		this.sink.accept(this.dictionary[dictionaryId]);
	}

	@Override
	public void addBinary(Binary value) {
		this.sink.accept(binary(value));
	}

	@Override
	public void addBoolean(boolean value) {
		this.sink.accept(value);
	}

	@Override
	public void addDouble(double value) {
		this.sink.accept(value);
	}

	@Override
	public void addFloat(float value) {
		this.sink.accept(float32(value));
	}

	@Override
	public void addInt(int value) {
		this.sink.accept(int32(value));
	}

	@Override
	public void addLong(long value) {
		this.sink.accept(int64(value));
	}

	/** A float as its shortest decimal text says it, not as a widened double. */
	private static Double float32(float value) {
		return Double.valueOf(Float.toString(value));
	}

	private Object int32(int value) {
		if (this.logical instanceof DecimalLogicalTypeAnnotation decimal) {
			return BigDecimal.valueOf(value, decimal.getScale());
		}
		if (this.logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
			return LocalDate.ofEpochDay(value).toString();
		}
		if (this.logical instanceof TimeLogicalTypeAnnotation) {
			return LocalTime.ofNanoOfDay(value * 1_000_000L).toString();
		}
		if (this.logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
			return Integer.toUnsignedLong(value);
		}
		return value;
	}

	private Object int64(long value) {
		if (this.logical instanceof DecimalLogicalTypeAnnotation decimal) {
			return BigDecimal.valueOf(value, decimal.getScale());
		}
		if (this.logical instanceof TimestampLogicalTypeAnnotation timestamp) {
			Instant instant = instant(value, timestamp.getUnit());
			return timestamp.isAdjustedToUTC() ? instant.toString()
					: LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
		}
		if (this.logical instanceof TimeLogicalTypeAnnotation time) {
			return LocalTime.ofNanoOfDay(nanos(value, time.getUnit())).toString();
		}
		if (this.logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned() && value < 0) {
			return new BigInteger(Long.toUnsignedString(value));
		}
		return value;
	}

	private static Instant instant(long value, TimeUnit unit) {
		return switch (unit) {
			case MILLIS -> Instant.ofEpochMilli(value);
			case MICROS ->
				Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
			case NANOS ->
				Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
		};
	}

	private static long nanos(long value, TimeUnit unit) {
		return switch (unit) {
			case MILLIS -> value * 1_000_000L;
			case MICROS -> value * 1_000L;
			case NANOS -> value;
		};
	}

	private Object binary(Binary value) {
		if (this.type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
			// nanoseconds of the day, then the Julian day, little-endian (Impala,
			// Spark,
			// older Redshift): an instant
			ByteBuffer bytes = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
			long nanos = bytes.getLong();
			long day = Integer.toUnsignedLong(bytes.getInt()) - JULIAN_EPOCH_DAY;
			return Instant.ofEpochSecond(Math.multiplyExact(day, 86_400L), 0)
				.plusNanos(Math.floorMod(nanos, NANOS_A_DAY))
				.toString();
		}
		if (this.logical instanceof DecimalLogicalTypeAnnotation decimal) {
			return new BigDecimal(new BigInteger(value.getBytes()), decimal.getScale());
		}
		if (this.logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
			ByteBuffer bytes = value.toByteBuffer();
			return new UUID(bytes.getLong(), bytes.getLong()).toString();
		}
		if (this.logical == null && this.type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
				|| this.logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
				|| this.logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
				|| this.logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
			return value.toStringUsingUTF8();
		}
		return Base64.getEncoder().encodeToString(value.getBytes());
	}

}
