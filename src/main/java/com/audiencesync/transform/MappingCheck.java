package com.audiencesync.transform;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointDescriptor.Presence;
import com.audiencesync.destination.EndpointField;
import com.audiencesync.destination.Vendors;
import com.audiencesync.spec.DestinationSpec;
import com.audiencesync.spec.FieldSpec;
import com.audiencesync.spec.JobSpec;
import com.audiencesync.spec.MappingSpec;
import com.audiencesync.spec.PropertiesSpec;
import com.audiencesync.spec.SpecCheck;
import com.audiencesync.spec.SpecProblems;

/**
 * Checks each destination of a spec against the endpoint it names: the vendor and
 * endpoint exist, the batch size is within the endpoint's limit, and the mapping maps the
 * endpoint's required fields with the types, values and property operations it takes.
 * Registered as a {@link SpecCheck}, so every spec loader runs it.
 */
public final class MappingCheck implements SpecCheck {

	static final Set<String> TYPES = Set.of("string", "integer", "decimal", "boolean", "phone", "email", "timestamp",
			"json");

	static final Set<String> PHONE_FORMATS = Set.of("dashed", "e164");

	static final Set<String> HASHES = Set.of("sha256");

	static final Set<String> ENCRYPTIONS = Set.of("deterministic");

	static final Set<String> OPERATIONS = Set.of("set", "set-once", "unset");

	static final Set<String> OPERATIONS_DEFAULT = Set.of("set", "set-once");

	/** What a property of an endpoint with array operations may do. */
	static final Set<String> ARRAY_OPERATIONS = Set.of("set", "add", "remove");

	static final Set<String> ON_BLANK = Set.of("omit", "null", "unset");

	@Override
	public void check(JobSpec spec, SpecProblems problems) {
		if (spec.destinations() == null) {
			if (spec.destination() != null) {
				Optional<EndpointDescriptor> endpoint = validateDestination("destination", spec.destination(),
						problems);
				if (spec.mapping() != null) {
					endpoint
						.ifPresent((descriptor) -> validateMapping("mapping", spec.mapping(), descriptor, problems));
				}
			}
			return;
		}
		for (int i = 0; i < spec.destinations().size(); i++) {
			DestinationSpec destination = spec.destinations().get(i);
			if (destination == null) {
				continue;
			}
			String path = "destinations." + i;
			Optional<EndpointDescriptor> endpoint = validateDestination(path, destination, problems);
			if (destination.mapping() != null) {
				endpoint.ifPresent((descriptor) -> validateMapping(path + ".mapping", destination.mapping(), descriptor,
						problems));
			}
		}
	}

	private Optional<EndpointDescriptor> validateDestination(String at, DestinationSpec destination,
			SpecProblems problems) {
		if (destination.vendor() == null || !Vendors.ids().contains(destination.vendor())) {
			problems.add(at + ".vendor",
					SpecProblems.describe(destination.vendor()) + " is not a vendor (one of " + Vendors.ids() + ")");
			return Optional.empty();
		}
		Optional<EndpointDescriptor> endpoint = Vendors.endpoint(destination.vendor(), destination.endpoint());
		if (endpoint.isEmpty()) {
			problems.add(at + ".endpoint",
					SpecProblems.describe(destination.endpoint()) + " is not an endpoint of " + destination.vendor()
							+ " (one of "
							+ Vendors.find(destination.vendor())
								.orElseThrow()
								.endpoints()
								.stream()
								.map(EndpointDescriptor::endpoint)
								.toList()
							+ ")");
			return endpoint;
		}
		if (destination.chains() != null && !Set.of("separate", "reject").contains(destination.chains())) {
			problems.add(at + ".chains",
					"'" + destination.chains() + "' is not a chain policy (one of [reject, separate])");
		}
		if (destination.mirrors() && endpoint.get().deletions() == null) {
			problems.add(at + ".mode",
					endpoint.get().id() + " has no endpoint that deletes its keys, so it cannot mirror "
							+ "(endpoints that can: " + mirrorable() + ")");
		}
		int max = endpoint.get().maxBatchSize();
		if (destination.batchSize() != null && (destination.batchSize() < 1 || destination.batchSize() > max)) {
			problems.add(at + ".batch-size", "must be between 1 and " + max + " (the limit of " + endpoint.get().id()
					+ "), was " + destination.batchSize());
		}
		return endpoint;
	}

	private static java.util.List<String> mirrorable() {
		return Vendors.all()
			.stream()
			.flatMap((vendor) -> vendor.endpoints().stream())
			.filter((endpoint) -> endpoint.deletions() != null)
			.map(EndpointDescriptor::id)
			.toList();
	}

	private void validateMapping(String at, MappingSpec mapping, EndpointDescriptor endpoint, SpecProblems problems) {
		for (Map.Entry<String, FieldSpec> entry : mapping.fields().entrySet()) {
			String path = at + ".fields." + entry.getKey();
			Optional<EndpointField> field = endpoint.field(entry.getKey());
			if (field.isEmpty()) {
				problems.add(path, endpoint.id() + " has no field '" + entry.getKey() + "' (fields: "
						+ endpoint.fields().stream().map(EndpointField::name).toList() + ")");
				continue;
			}
			validateField(path, entry.getValue(), problems);
			validateValues(path, entry.getValue(), field.get(), endpoint, problems);
			if (entry.getValue() != null
					&& (entry.getValue().operation() != null || entry.getValue().onBlank() != null)) {
				problems.add(path, "operation and on-blank apply to properties, not to " + endpoint.id() + " field '"
						+ entry.getKey() + "'");
			}
			String needed = field.get().kind().specType();
			if (needed != null && !needed.equals(entry.getValue().typeOrDefault())) {
				problems.add(path + ".type",
						endpoint.id() + " takes a " + needed + " in '" + entry.getKey() + "': set type: " + needed);
			}
			FieldSpec spec = entry.getValue();
			if ((spec.hash() != null || spec.encrypt() != null)
					&& (needed != null || !field.get().values().isEmpty())) {
				problems.add(path + ((spec.hash() != null) ? ".hash" : ".encrypt"), endpoint.id() + " checks what '"
						+ entry.getKey() + "' holds: it cannot take a hashed or encrypted value");
			}
		}
		for (EndpointField field : endpoint.fields()) {
			if (field.required() && !mapping.fields().containsKey(field.name())) {
				problems.add(at + ".fields",
						"'" + field.name() + "' is required by " + endpoint.id() + " but is not mapped");
			}
		}
		if (mapping.properties() != null) {
			PropertiesSpec properties = mapping.properties();
			if (endpoint.properties() == Presence.NONE) {
				problems.add(at + ".properties", endpoint.id() + " takes no properties map");
			}
			validateOperation(at + ".properties.operation", properties.operation(), OPERATIONS_DEFAULT, endpoint,
					problems);
			validateOnBlank(at + ".properties.on-blank", properties.onBlank(), endpoint, problems);
			properties.fields().forEach((name, field) -> {
				String path = at + ".properties.fields." + name;
				if (field != null && "unset".equals(field.operation()) && field.column() == null
						&& field.constant() == null) {
					// removing a property needs no value
				}
				else {
					validateField(path, field, problems);
				}
				if (field != null) {
					validateOperation(path + ".operation", field.operation(), OPERATIONS, endpoint, problems);
					validateOnBlank(path + ".on-blank", field.onBlank(), endpoint, problems);
					if (field.values() != null) {
						problems.add(path + ".values", "applies to fields with a closed set of values");
					}
				}
			});
			if (properties.prefix() != null && properties.prefix().isEmpty()) {
				problems.add(at + ".properties.prefix", "must not be empty");
			}
		}
		else if (endpoint.properties() == Presence.REQUIRED) {
			problems.add(at + ".properties", "is required by " + endpoint.id() + ": " + endpoint.propertiesNote());
		}
	}

	private void validateOperation(String path, String operation, Set<String> allowed, EndpointDescriptor endpoint,
			SpecProblems problems) {
		if (operation == null) {
			return;
		}
		if (endpoint.arrayOperations()) {
			if (!ARRAY_OPERATIONS.contains(operation)) {
				problems.add(path, "'" + operation + "' is not one of " + SpecProblems.sorted(ARRAY_OPERATIONS)
						+ " for " + endpoint.id());
			}
		}
		else if (!endpoint.propertyOperations()) {
			problems.add(path, endpoint.id() + " sets its properties as a whole; operations are for "
					+ "endpoints with property operations (hackle/properties) or array operations (braze/attributes)");
		}
		else if (!allowed.contains(operation)) {
			problems.add(path, "'" + operation + "' is not one of " + SpecProblems.sorted(allowed));
		}
	}

	private void validateOnBlank(String path, String onBlank, EndpointDescriptor endpoint, SpecProblems problems) {
		if (onBlank == null) {
			return;
		}
		if (!ON_BLANK.contains(onBlank)) {
			problems.add(path, "'" + onBlank + "' is not one of " + SpecProblems.sorted(ON_BLANK));
		}
		else if ("unset".equals(onBlank) && !endpoint.propertyOperations()) {
			problems.add(path, endpoint.id() + " cannot unset a property; use omit or null");
		}
	}

	/** A field's own closed values must lead to values the endpoint takes. */
	private void validateValues(String path, FieldSpec spec, EndpointField field, EndpointDescriptor endpoint,
			SpecProblems problems) {
		if (spec == null || spec.values() == null) {
			return;
		}
		if (field.values().isEmpty()) {
			problems.add(path + ".values",
					endpoint.id() + " field '" + field.name() + "' takes any value; values: is for closed sets");
			return;
		}
		if (spec.values().isEmpty()) {
			problems.add(path + ".values", "lists no value");
		}
		Set<String> sent = Set.copyOf(field.values().values());
		spec.values().forEach((from, to) -> {
			if (!sent.contains(to)) {
				problems.add(path + ".values." + from, SpecProblems.describe(to) + " is not a value " + endpoint.id()
						+ " takes in '" + field.name() + "' (one of " + field.allowed() + ")");
			}
		});
	}

	private void validateField(String path, FieldSpec field, SpecProblems problems) {
		if (field == null) {
			problems.add(path, "needs a column or a constant");
			return;
		}
		boolean hasColumn = field.column() != null && !field.column().isBlank();
		if (hasColumn == (field.constant() != null)) {
			problems.add(path, "needs exactly one of 'column' or 'constant'");
		}
		if (!TYPES.contains(field.typeOrDefault())) {
			problems.add(path + ".type",
					"'" + field.type() + "' is not a type (one of " + SpecProblems.sorted(TYPES) + ")");
		}
		if (field.hash() != null && !HASHES.contains(field.hash())) {
			problems.add(path + ".hash",
					"'" + field.hash() + "' is not a hash (one of " + SpecProblems.sorted(HASHES) + ")");
		}
		if (field.encrypt() != null && !ENCRYPTIONS.contains(field.encrypt())) {
			problems.add(path + ".encrypt",
					"'" + field.encrypt() + "' is not an encryption (one of " + SpecProblems.sorted(ENCRYPTIONS) + ")");
		}
		if (field.hash() != null && field.encrypt() != null) {
			problems.add(path, "takes hash or encrypt, not both");
		}
		if ("json".equals(field.type())) {
			if (!path.contains("properties.")) {
				problems.add(path + ".type", "'json' (a nested value as read) is for properties, whose values may be "
						+ "objects and arrays; an endpoint's own fields take text, numbers or booleans");
			}
			if (field.hash() != null || field.encrypt() != null
					|| (field.values() != null && !field.values().isEmpty())) {
				problems.add(path, "type 'json' takes no hash, encrypt or values: the value is sent as read");
			}
		}
		if (field.format() != null) {
			if (!"phone".equals(field.typeOrDefault())) {
				problems.add(path + ".format", "applies only to type: phone");
			}
			else if (!PHONE_FORMATS.contains(field.format())) {
				problems.add(path + ".format", "'" + field.format() + "' is not a phone format (one of "
						+ SpecProblems.sorted(PHONE_FORMATS) + ")");
			}
		}
	}

}
