package com.audiencesync.manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules ship twice, as plain Prometheus rules and as a PrometheusRule: the same
 * groups, and rules Prometheus's own {@code promtool} accepts (where it is installed).
 */
class AlertRulesFilesTests {

	private static final Path PLAIN = Path.of("k8s/alerts/audience-sync.rules.yml");

	private static final Path OPERATOR = Path.of("k8s/alerts/prometheusrule.yaml");

	private final YAMLMapper yaml = YAMLMapper.builder().build();

	@Test
	void thePrometheusRuleHoldsThePlainRulesGroups() throws IOException {
		JsonNode plain = this.yaml.readTree(Files.readString(PLAIN));
		JsonNode operator = this.yaml.readTree(Files.readString(OPERATOR));
		assertThat(operator.get("kind").asString()).isEqualTo("PrometheusRule");
		assertThat(operator.get("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(operator.get("spec").get("groups")).isEqualTo(plain.get("groups"));
		List<String> alerts = new ArrayList<>();
		plain.get("groups").get(0).get("rules").forEach((rule) -> alerts.add(rule.get("alert").asString()));
		assertThat(alerts).containsExactly("AudienceSyncLate", "AudienceSyncFailed", "AudienceSyncRejectedRows",
				"AudienceSyncNoWorker", "AudienceSyncPushFailed");
	}

	@Test
	void promtoolAcceptsTheRules() throws Exception {
		Path promtool = Path.of("/usr/bin/promtool");
		if (!Files.isExecutable(promtool)) {
			System.err.println("*** promtool is missing (apt-get install -y prometheus): rules not checked by it ***");
			return;
		}
		Process check = new ProcessBuilder(promtool.toString(), "check", "rules", PLAIN.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes());
		assertThat(check.waitFor()).as(output).isZero();
		assertThat(output).contains("SUCCESS: 5 rules found");
	}

}
