package com.audiencesync.destination.marketap;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import com.audiencesync.destination.Connection;
import com.audiencesync.destination.Endpoint;
import com.audiencesync.destination.EndpointDescriptor;
import com.audiencesync.destination.EndpointProvider;
import com.audiencesync.destination.RetryProperties;
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
import com.audiencesync.destination.MappedRow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/** Registers Marketap's four endpoints. */
@Configuration(proxyBeanMethods = false)
class MarketapConfiguration {

	@Bean
	EndpointProvider marketapProfiles(MarketapProperties properties) {
		return new Provider<>(MarketapEndpoints.PROFILES, properties,
				(row) -> new Profile(row.text("userId"), row.set()),
				(call, batch) -> call.api().profiles(call.bearer(), call.projectId(), new Profiles(batch)));
	}

	@Bean
	EndpointProvider marketapEvents(MarketapProperties properties) {
		return new Provider<>(MarketapEndpoints.EVENTS, properties, MarketapConfiguration::event,
				(call, batch) -> call.api().events(call.bearer(), call.projectId(), new Events(batch)));
	}

	@Bean
	EndpointProvider marketapUserDeletions(MarketapProperties properties) {
		// bulk by default; a batch bisected down to one user goes through the single
		// endpoint
		return new Provider<>(MarketapEndpoints.USER_DELETIONS, properties, (row) -> new UserId(row.text("userId")),
				(call, batch) -> (batch.size() == 1)
						? call.api().deletion(call.bearer(), call.projectId(), new Deletion(batch.get(0).userId()))
						: call.api()
							.deletions(call.bearer(), call.projectId(),
									new Deletions(batch.stream().map(UserId::userId).toList())));
	}

	@Bean
	EndpointProvider marketapDevices(MarketapProperties properties) {
		return new Provider<>(MarketapEndpoints.DEVICES, properties,
				(row) -> new DeviceProfile(
						new Device(row.text("token"), row.text("platform"), (Boolean) row.fields().get("optIn")),
						row.text("userId"), row.text("timestamp")),
				(call, batch) -> call.api().devices(call.bearer(), call.projectId(), new Devices(batch)));
	}

	/** Events carry a stable {@code event_id}: Marketap does not deduplicate. */
	static Event event(MappedRow row) {
		Map<String, Object> properties = new HashMap<>((row.set() != null) ? row.set() : Map.of());
		String eventId = row.text("eventId");
		properties.put("event_id", (eventId != null) ? eventId : row.rowId());
		return new Event(row.text("userId"), row.text("eventName"), properties, row.text("timestamp"));
	}

	/** One endpoint's registration. */
	private record Provider<R>(EndpointDescriptor descriptor, MarketapProperties properties,
			Function<MappedRow, R> toRequest,
			BiFunction<Call, List<R>, ResponseEntity<String>> call) implements EndpointProvider {

		@Override
		public Endpoint<?> create() {
			return endpoint(this.properties.connection());
		}

		@Override
		public Endpoint<?> createAt(URI baseUrl, String apiKey) {
			return endpoint(this.properties.connection().pointedAt(baseUrl, apiKey),
					MarketapEndpoints.SANDBOX_PROJECT_ID);
		}

		private Endpoint<R> endpoint(Connection connection) {
			return endpoint(connection, this.properties.projectId());
		}

		private Endpoint<R> endpoint(Connection connection, String projectId) {
			return new MarketapEndpoint<>(this.descriptor, connection, projectId, this.toRequest, this.call);
		}

		@Override
		public RetryProperties retry() {
			return this.properties.retry();
		}

	}

}
