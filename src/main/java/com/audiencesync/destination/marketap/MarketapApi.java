package com.audiencesync.destination.marketap;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** Marketap's Open API. Every call carries the Bearer key and the project id. */
@HttpExchange(contentType = MediaType.APPLICATION_JSON_VALUE, accept = MediaType.APPLICATION_JSON_VALUE)
interface MarketapApi {

	@PostExchange("/v1/api/profile/user")
	ResponseEntity<String> profiles(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody Profiles body);

	/** The same call with the body already written ({@code JsonRows.object}). */
	@PostExchange("/v1/api/profile/user")
	ResponseEntity<String> profiles(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody byte[] body);

	@PostExchange("/v1/api/events")
	ResponseEntity<String> events(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody Events body);

	@PostExchange("/v1/api/profile/user/deletion-job")
	ResponseEntity<String> deletion(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody Deletion body);

	@PostExchange("/v1/api/profile/user/deletion-job/bulk")
	ResponseEntity<String> deletions(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody Deletions body);

	@PostExchange("/v1/api/profile/user/device/bulk")
	ResponseEntity<String> devices(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody Devices body);

	/** The same call with the body already written ({@code JsonRows.object}). */
	@PostExchange("/v1/api/profile/user/device/bulk")
	ResponseEntity<String> devices(@RequestHeader("Authorization") String bearer,
			@RequestParam("project_id") String projectId, @RequestBody byte[] body);

	/** {@code {profiles: [...]}}. */
	record Profiles(List<MarketapRows.Profile> profiles) {
	}

	/** {@code {events: [...]}}. */
	record Events(List<MarketapRows.Event> events) {
	}

	/** {@code {user_id}}. */
	record Deletion(@JsonProperty("user_id") String userId) {
	}

	/** {@code {user_ids: [...]}}. */
	record Deletions(@JsonProperty("user_ids") List<String> userIds) {
	}

	/** {@code {profiles: [...]}} of devices. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Devices(List<MarketapRows.DeviceProfile> profiles) {
	}

}
