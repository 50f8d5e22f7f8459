package com.audiencesync.transform;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.Keying;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.PropertyOperation;
import com.audiencesync.source.SourceRow;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.spec.WhenSpec;
import com.audiencesync.transform.PhoneNumbers.Format;
import com.audiencesync.transform.Transformed.Accepted;
import com.audiencesync.transform.Transformed.Rejected;
import com.audiencesync.transform.Transformed.Skipped;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a spec's mapping to source rows for one endpoint: each field read by its
 * {@link ValueReader}, the endpoint's row rule, then the properties
 * ({@link PropertyMapping}). Thread-safe; holds no per-row state.
 */
public final class RowMapper {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Target> fields = new LinkedHashMap<>();

	private final PropertyMapping properties;

	private final boolean takesProperties;

	private final boolean operations;

	/** Whether properties may add to or remove from arrays. */
	private final boolean arrays;

	private final EndpointDescriptor.RowRule rowRule;

	private final Keying keying;

	private final WhenSpec when;

	private final ZoneId zone;

	private final String runKey;

	/** A mapper reading local times in Asia/Seoul, for previews and tests. */
	public RowMapper(MappingSpec mapping, EndpointDescriptor endpoint) {
		this(mapping, null, endpoint, ZoneId.of("Asia/Seoul"), "", FieldCipher.PREVIEW);
	}

	/**
	 * @param destination one destination of the spec, with its mapping and which rows it
	 * takes
	 * @param endpoint the endpoint mapped to
	 * @param zone the zone of source times without an offset
	 * @param runKey what identifies the run (job and date): part of every row's stable id
	 * @param cipher encrypts the values with {@code encrypt: deterministic}
	 */
	public RowMapper(DestinationSpec destination, EndpointDescriptor endpoint, ZoneId zone, String runKey,
			FieldCipher cipher) {
		this(destination.mapping(), destination.when(), endpoint, zone, runKey, cipher);
	}

	private RowMapper(MappingSpec mapping, WhenSpec when, EndpointDescriptor endpoint, ZoneId zone, String runKey,
			FieldCipher cipher) {
		this.when = when;
		this.operations = endpoint.propertyOperations();
		this.arrays = endpoint.arrayOperations();
		this.zone = zone;
		this.runKey = runKey;
		mapping.fields().forEach((name, spec) -> {
			EndpointField field = endpoint.field(name).orElseThrow();
			boolean required = (spec.required() != null) ? spec.required() : field.required();
			boolean pii = field.pii() || Boolean.TRUE.equals(spec.pii()) || "phone".equals(spec.typeOrDefault())
					|| "email".equals(spec.typeOrDefault());
			this.fields.put(name,
					new Target(ValueReader.of(spec, phoneFormat(spec, field), field.values(), pii, cipher), required));
		});
		this.takesProperties = endpoint.properties() != EndpointDescriptor.Presence.NONE;
		this.properties = (this.takesProperties && mapping.properties() != null)
				? new PropertyMapping(mapping.properties(), this.operations, cipher) : null;
		this.rowRule = endpoint.rowRule();
		this.keying = endpoint.keying();
	}

	private static Format phoneFormat(FieldSpec spec, EndpointField field) {
		if (spec.format() != null) {
			return "e164".equals(spec.format()) ? Format.E164 : Format.DASHED;
		}
		return (field.kind() == EndpointField.Kind.PHONE_E164) ? Format.E164 : Format.DASHED;
	}

	/**
	 * Where a mapped field's text holds a control character (an id with a NUL or an
	 * escape, a line break in an email), or -1: vendors store such ids as given, and no
	 * one finds the profile again.
	 */
	private static int controlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	/** The destination row for a source row, or why there is none. */
	public Transformed map(SourceRow row) {
		if (!row.readable()) {
			return new Rejected(row, row.reasonCode(), row.error(), null);
		}
		if (this.when != null && !this.when.matches(ValueReader.lookup(row.values(), this.when.column()))) {
			return new Skipped(row, "when: " + this.when);
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, Target> entry : this.fields.entrySet()) {
			String name = entry.getKey();
			ValueReader reader = entry.getValue().reader();
			ValueReader.Read read = reader.read(row.values(), this.zone);
			if (read.blank()) {
				if (entry.getValue().required()) {
					return reject(row, "MISSING_FIELD", name + ": " + reader.source() + " is missing or blank", values);
				}
				continue;
			}
			if (read.error() != null) {
				return reject(row, read.reasonCode(), name + ": '" + reader.shown(reader.raw(row.values())) + "' from "
						+ reader.source() + " " + read.error(), values);
			}
			if (read.value() instanceof String text) {
				int control = controlCharacter(text);
				if (control >= 0) {
					return reject(row, "BAD_VALUE",
							name + ": " + reader.source() + " holds a control character (U+"
									+ String.format("%04X", (int) text.charAt(control)) + " at character "
									+ (control + 1) + ")",
							values);
				}
			}
			values.put(name, read.value());
		}
		Optional<EndpointDescriptor.Problem> broken = this.rowRule.check(values);
		if (broken.isPresent()) {
			return reject(row, broken.get().reasonCode(), broken.get().message(), values);
		}
		if (!this.takesProperties) {
			return new Accepted(row, new MappedRow(values, null, () -> rowId(row)), () -> toJson(masked(values)));
		}
		PropertyMapping.Result properties = (this.properties != null) ? this.properties.map(row.values(), this.zone)
				: PropertyMapping.Result.none();
		if (properties.message() != null) {
			return reject(row, properties.reasonCode(), properties.message(), values);
		}
		String arrays = properties.arrayProblem();
		if (arrays != null) {
			return reject(row, "BAD_VALUE", arrays, values);
		}
		if (this.operations && properties.isEmpty()) {
			return new Skipped(row, "no property to set or unset");
		}
		return new Accepted(row, new MappedRow(values, properties.byOperation(), () -> rowId(row)), () -> {
			Map<String, Object> masked = masked(values);
			masked.put("properties", properties.names(PropertyOperation.SET));
			if (this.arrays && !properties.names(PropertyOperation.ADD).isEmpty()) {
				masked.put("add", properties.names(PropertyOperation.ADD));
			}
			if (this.arrays && !properties.names(PropertyOperation.REMOVE).isEmpty()) {
				masked.put("remove", properties.names(PropertyOperation.REMOVE));
			}
			if (this.operations) {
				masked.put("setOnce", properties.names(PropertyOperation.SET_ONCE));
				masked.put("unset", properties.names(PropertyOperation.UNSET));
			}
			return toJson(masked);
		});
	}

	private Rejected reject(SourceRow row, String code, String message, Map<String, Object> values) {
		return new Rejected(row, code, message, toJson(masked(values)), keyFields(row));
	}

	/**
	 * The mapped fields as a refused or previewed row shows them: personal data
	 * (identities, phones, tokens) masked, the rest as it is, to help find the row. Made
	 * only when a row is shown.
	 */
	private Map<String, Object> masked(Map<String, Object> values) {
		Map<String, Object> masked = new LinkedHashMap<>();
		values.forEach((name, value) -> masked.put(name, this.fields.get(name).reader().shown(value)));
		return masked;
	}

	/** The row's key fields that read well, for a rejected row; null without keying. */
	private Map<String, Object> keyFields(SourceRow row) {
		if (this.keying == null) {
			return null;
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (String field : this.keying.fields()) {
			Target target = this.fields.get(field);
			ValueReader.Read read = (target != null) ? target.reader().read(row.values(), this.zone) : null;
			if (read != null && !read.blank() && read.error() == null) {
				values.put(field, read.value());
			}
		}
		return values.isEmpty() ? null : values;
	}

	private static String toJson(Map<String, Object> masked) {
		return JSON.writeValueAsString(masked);
	}

	/**
	 * A stable id for the row within its run: the same line of the same file always gets
	 * the same id. Made only when an endpoint asks for it.
	 */
	private String rowId(SourceRow row) {
		return UUID
			.nameUUIDFromBytes(
					(this.runKey + "|" + row.source() + "|" + row.position()).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	private record Target(ValueReader reader, boolean required) {
	}

}
