package com.audiencesync.destination.braze;

import java.util.List;
import java.util.Map;

import com.audiencesync.destination.braze.BrazeRows.MergeRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.PostExchange;

/** Braze's REST API (the instance's REST endpoint is the base URL). */
interface BrazeApi {

	@PostExchange(url = "/users/merge", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> merge(@RequestHeader("Authorization") String bearer, @RequestBody MergeRequest body);

	/** {@code POST /users/delete}: one identifier array. */
	@PostExchange(url = "/users/delete", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> delete(@RequestHeader("Authorization") String bearer,
			@RequestBody Map<String, List<Object>> body);

	/** {@code POST /users/alias/new}: {@code {"user_aliases": [...]}}. */
	@PostExchange(url = "/users/alias/new", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> aliasNew(@RequestHeader("Authorization") String bearer,
			@RequestBody Map<String, List<Object>> body);

	/** {@code POST /users/alias/update}: {@code {"alias_updates": [...]}}. */
	@PostExchange(url = "/users/alias/update", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> aliasUpdate(@RequestHeader("Authorization") String bearer,
			@RequestBody Map<String, List<Object>> body);

	/** {@code POST /users/identify}: {@code {"aliases_to_identify": [...]}}. */
	@PostExchange(url = "/users/identify", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> identify(@RequestHeader("Authorization") String bearer,
			@RequestBody Map<String, List<Object>> body);

	/** {@code POST /subscription/status/set}: one group, state and kind of identifier. */
	@PostExchange(url = "/subscription/status/set", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> subscriptionStatus(@RequestHeader("Authorization") String bearer,
			@RequestBody Map<String, Object> body);

	/** {@code POST /users/track}, the body already written ({@code JsonRows.object}). */
	@PostExchange(url = "/users/track", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> track(@RequestHeader("Authorization") String bearer, @RequestBody byte[] body);

}
