package com.audiencesync.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.audiencesync.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the {@code sandbox} command lists: the base URLs to configure, nothing deeper. */
class SandboxCommandTests {

	@Test
	void eachVendorIsListedWithTheBaseUrlToConfigureAndItsEndpointsApart() throws Exception {
		try (SandboxServer server = SandboxServer.start("127.0.0.1", 0, "sandbox-key")) {
			List<String> lines = SandboxCommand.listing(server, "sandbox-key");

			assertThat(lines.get(0)).isEqualTo("sandbox on 127.0.0.1:" + server.port() + " (api key: sandbox-key)");
			for (String vendor : server.vendors()) {
				String base = server.baseUrl(vendor).toString();
				assertThat(base).isEqualTo("http://127.0.0.1:" + server.port() + "/" + vendor);
				assertThat(lines).filteredOn((line) -> line.startsWith(String.format("  %-9s ", vendor)))
					.singleElement()
					.satisfies((line) -> assertThat(line.split(" +")[2]).isEqualTo(base));
			}
			// no URL in the listing goes below a vendor's base URL: one copied whole is a
			// base URL
			assertThat(String.join("\n", lines)).doesNotContainPattern("http://127\\.0\\.0\\.1:\\d+/\\w+/");
		}
	}

	@Test
	void aPathBelowNoVendorIsAnsweredWithWhereTheVendorsAre() throws Exception {
		try (SandboxServer server = SandboxServer.start("127.0.0.1", 0, "sandbox-key")) {
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/groobe/personalizations"))
					.POST(HttpRequest.BodyPublishers.ofString("[]"))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).isEqualTo(404);
			assertThat(answer.body())
				.isEqualTo("no emulator at /groobe/personalizations: a vendor's base URL is http://" + "127.0.0.1:"
						+ server.port() + "/<vendor>, one of " + server.vendors() + "\n");
		}
	}

}
