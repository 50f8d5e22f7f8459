package com.audiencesync.destination.marketap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.audiencesync.destination.ConnectionProperties;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.JsonRows;
import com.audiencesync.destination.MappedRow;
import com.audiencesync.destination.VendorBase;
import com.audiencesync.destination.VendorContext;
import com.audiencesync.destination.marketap.MarketapApi.Deletion;
import com.audiencesync.destination.marketap.MarketapApi.Deletions;
import com.audiencesync.destination.marketap.MarketapApi.Devices;
import com.audiencesync.destination.marketap.MarketapApi.Events;
import com.audiencesync.destination.marketap.MarketapApi.Profiles;
import com.audiencesync.destination.marketap.MarketapEndpoint.Call;
import com.audiencesync.destination.marketap.MarketapRows.Device;
import com.audiencesync.destination.marketap.MarketapRows.DeviceProfile;
import com.audiencesync.destination.marketap.MarketapRows.Event;
import com.audiencesync.destination.marketap.MarketapRows.Profile;
import com.audiencesync.destination.marketap.MarketapRows.UserId;

import org.springframework.http.ResponseEntity;

/**
 * Marketap ({@code audience-sync.destinations.marketap.*}: base URL, default
 * {@code https://event.marketap.io}; the Bearer key; {@code project-id}; timeouts;
 * retry): bulk profiles, events, user deletions and devices.
 */
public final class MarketapVendor extends VendorBase {

	/** The vendor's id, in specs, properties and the sandbox's paths. */
	public static final String ID = "marketap";

	public MarketapVendor() {
		super(ID, MarketapEndpoints.ALL,
				ConnectionProperties.defaults("https://event.marketap.io", Duration.ofSeconds(30)));
	}

	@Override
	public List<String> problems(EndpointDescriptor endpoint, VendorContext context) {
		List<String> problems = new ArrayList<>(super.problems(endpoint, context));
		String projectId = context.settings(MarketapProperties.class).projectId();
		if (projectId == null || projectId.isBlank()) {
			problems.add("audience-sync.destinations.marketap.project-id is not set "
					+ "(environment variable AUDIENCE_SYNC_DESTINATIONS_MARKETAP_PROJECT_ID); it has no default");
		}
		return problems;
	}

	@Override
	public Endpoint<?> create(EndpointDescriptor endpoint, VendorContext context) {
		String projectId = context.settings(MarketapProperties.class).projectId();
		if (endpoint == MarketapEndpoints.PROFILES) {
			return new MarketapEndpoint<>(endpoint, context.connection(), projectId,
					(row) -> new Profile(row.text("userId"), row.set()),
					(call, batch) -> call.api().profiles(call.bearer(), call.projectId(), new Profiles(batch)),
					(call, json) -> call.api()
						.profiles(call.bearer(), call.projectId(), JsonRows.object("profiles", json)));
		}
		if (endpoint == MarketapEndpoints.EVENTS) {
			return endpoint(endpoint, context, projectId, MarketapVendor::event,
					(call, batch) -> call.api().events(call.bearer(), call.projectId(), new Events(batch)));
		}
		if (endpoint == MarketapEndpoints.USER_DELETIONS) {
			// bulk by default; a batch bisected down to one user goes through the single
			// endpoint
			return endpoint(endpoint, context, projectId, (row) -> new UserId(row.text("userId")),
					(call, batch) -> (batch.size() == 1)
							? call.api().deletion(call.bearer(), call.projectId(), new Deletion(batch.get(0).userId()))
							: call.api()
								.deletions(call.bearer(), call.projectId(),
										new Deletions(batch.stream().map(UserId::userId).toList())));
		}
		return new MarketapEndpoint<>(endpoint, context.connection(), projectId,
				(row) -> new DeviceProfile(
						new Device(row.text("token"), row.text("platform"), (Boolean) row.fields().get("optIn")),
						row.text("userId"), row.text("timestamp")),
				(call, batch) -> call.api().devices(call.bearer(), call.projectId(), new Devices(batch)),
				(call, json) -> call.api().devices(call.bearer(), call.projectId(), JsonRows.object("profiles", json)));
	}

	@Override
	public List<String> accountScope(VendorContext context) {
		String projectId = context.settings(MarketapProperties.class).projectId();
		return (projectId != null) ? List.of("project " + projectId) : List.of();
	}

	private static <R> Endpoint<R> endpoint(EndpointDescriptor descriptor, VendorContext context, String projectId,
			Function<MappedRow, R> toRequest, BiFunction<Call, List<R>, ResponseEntity<String>> call) {
		return new MarketapEndpoint<>(descriptor, context.connection(), projectId, toRequest, call, null);
	}

	/** Events carry a stable {@code event_id}: Marketap does not deduplicate. */
	static Event event(MappedRow row) {
		Map<String, Object> properties = new HashMap<>((row.set() != null) ? row.set() : Map.of());
		String eventId = row.text("eventId");
		properties.put("event_id", (eventId != null) ? eventId : row.rowId());
		return new Event(row.text("userId"), row.text("eventName"), properties, row.text("timestamp"));
	}

}
