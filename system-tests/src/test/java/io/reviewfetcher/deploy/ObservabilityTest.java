package io.reviewfetcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard and the Prometheus rules in deploy/observability query only metrics that the services
 * register (as Micrometer's Prometheus registry names them) or that Quarkus and the Kafka client expose.
 */
class ObservabilityTest {

    private static final Path OBSERVABILITY = HelmCharts.repoRoot().resolve("deploy/observability");
    /** A meter registered in the services' code: kind and name. */
    private static final Pattern METER = Pattern.compile(
            "(counter|Counter\\.builder|Timer\\.builder|timer|Gauge\\.builder|gauge|DistributionSummary\\.builder|summary)\\(\\s*\"([a-z0-9_.]+)\"");
    /** Our metrics' prefixes: every name in a query that starts with one of them must be registered somewhere. */
    private static final Pattern OUR_METRIC = Pattern.compile("\\b((?:stage|retry|token_service|ingress|google|jobs)_[a-z0-9_]+)\\b");
    /** Framework metrics the queries may use: Quarkus's HTTP server and REST client binders, the Kafka client binder. */
    private static final Pattern FRAMEWORK_METRIC = Pattern.compile("\\b((?:http_server_requests|http_client_requests)_seconds_(?:count|sum|max|bucket)"
            + "|kafka_consumer_fetch_manager_records_lag(?:_max)?)\\b");

    @Test
    void dashboardAndRulesUseOnlyExposedMetrics() throws IOException {
        Set<String> exposed = exposedMetricNames();
        assertTrue(exposed.contains("stage_records_consumed_total"), "found the services' meters: " + exposed);
        List<String> unknown = new ArrayList<>();
        for (String query : queries()) {
            Matcher matcher = OUR_METRIC.matcher(query);
            while (matcher.find()) {
                if (!exposed.contains(matcher.group(1))) {
                    unknown.add(matcher.group(1) + " in " + query);
                }
            }
        }
        assertEquals(List.of(), unknown, "no service registers these metrics (renamed?)");
    }

    @Test
    void everyQueryNamesAMetricWeKnow() throws IOException {
        for (String query : queries()) {
            if (query.startsWith("vector(")) {
                continue;
            }
            assertTrue(OUR_METRIC.matcher(query).find() || FRAMEWORK_METRIC.matcher(query).find() || query.contains("up{"),
                    "unknown metric in: " + query);
        }
    }

    @Test
    void dashboardShowsWhatOnCallNeeds() throws IOException {
        String all = String.join("\n", queries());
        for (String needed : List.of("token_service_permits_granted_total", "stage_records_consumed_total",
                "stage_records_produced_total", "kafka_consumer_fetch_manager_records_lag", "retry_scheduled_total",
                "retry_pending", "stage_dead_letters_total", "stage_permit_wait_seconds", "ingress_submissions_in_flight",
                "google_api_calls_seconds", "jobs_duration_seconds")) {
            assertTrue(all.contains(needed), "nothing shows " + needed);
        }
        JsonNode dashboard = new ObjectMapper().readTree(OBSERVABILITY.resolve("grafana-dashboard.json").toFile());
        assertEquals("review-fetcher", dashboard.get("uid").asText());
        List<Integer> ids = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> ids.add(panel.get("id").asInt()));
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "panel ids are unique");
    }

    @Test
    void everyAlertHasSeveritySummaryAndDescription() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(OBSERVABILITY.resolve("prometheus-rules.yaml").toFile());
        int alerts = 0;
        for (JsonNode group : rules.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                alerts++;
                String name = rule.get("alert").asText();
                assertTrue(Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText()), name);
                assertFalse(rule.path("annotations").path("summary").asText().isBlank(), name);
                assertFalse(rule.path("annotations").path("description").asText().isBlank(), name);
            }
        }
        assertTrue(alerts >= 8, "alerts: " + alerts);
    }

    /** Every PromQL expression of the dashboard and of the rules. */
    private static List<String> queries() throws IOException {
        List<String> queries = new ArrayList<>();
        JsonNode dashboard = new ObjectMapper().readTree(OBSERVABILITY.resolve("grafana-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(OBSERVABILITY.resolve("prometheus-rules.yaml").toFile());
        rules.findValues("expr").forEach(expr -> queries.add(expr.asText().trim()));
        assertFalse(queries.isEmpty());
        return queries;
    }

    /** Micrometer's Prometheus names of every meter the services' main code registers. */
    private static Set<String> exposedMetricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(HelmCharts.repoRoot())) {
            for (Path main : modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        for (Path source : sources) {
            Matcher matcher = METER.matcher(Files.readString(source));
            while (matcher.find()) {
                String kind = matcher.group(1).toLowerCase();
                String base = matcher.group(2).replace('.', '_');
                if (kind.startsWith("counter")) {
                    names.add(base.endsWith("_total") ? base : base + "_total");
                } else if (kind.startsWith("timer")) {
                    for (String suffix : List.of("_count", "_sum", "_max", "_bucket", "")) {
                        names.add(base + "_seconds" + suffix);
                    }
                } else if (kind.startsWith("distributionsummary") || kind.startsWith("summary")) {
                    for (String suffix : List.of("_count", "_sum", "_max", "_bucket", "")) {
                        names.add(base + suffix);
                    }
                } else {
                    names.add(base);
                }
            }
        }
        return names;
    }
}
