package com.audiencesync.destination.groobee;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.PostExchange;

/** Groobee's HTTP API. */
interface GroobeeApi {

	@PostExchange(url = "/personalizations", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> personalizations(@RequestHeader("x-api-key") String apiKey,
			@RequestBody List<GroobeeRow> rows);

	/** The same call with the rows' JSON already joined ({@code JsonRows.array}). */
	@PostExchange(url = "/personalizations", contentType = MediaType.APPLICATION_JSON_VALUE,
			accept = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> personalizations(@RequestHeader("x-api-key") String apiKey, @RequestBody byte[] rows);

}
