package com.audiencesync.destination;

import java.util.Locale;
import java.util.Optional;

/**
 * What a property of a mapped row does at the vendor. Endpoints that replace or merge a
 * whole map take only {@link #SET}; endpoints with the
 * {@link EndpointDescriptor.Capability#PROPERTY_OPERATIONS} capability take set, set once
 * and unset, and those with {@link EndpointDescriptor.Capability#ARRAY_OPERATIONS} take
 * set, add and remove.
 */
public enum PropertyOperation {

	/** Set the value. */
	SET,
	/** Set the value only where the user has none yet. */
	SET_ONCE,
	/** Remove the property (the value is not sent). */
	UNSET,
	/**
	 * Add the values (a list, or one value) to an array the vendor holds (Braze:
	 * {@code add}, or {@code $add} for objects).
	 */
	ADD,
	/**
	 * Remove the values (a list of strings or numbers, or one) from an array the vendor
	 * holds (Braze: {@code remove}).
	 */
	REMOVE;

	/** The spelling in specs: {@code set}, {@code set-once}, {@code unset}. */
	public String specName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** The operation a spec spells so, if any. */
	public static Optional<PropertyOperation> of(String specName) {
		for (PropertyOperation operation : values()) {
			if (operation.specName().equals(specName)) {
				return Optional.of(operation);
			}
		}
		return Optional.empty();
	}

}
