package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What an on-call engineer sees of one job, with retries and a dead letter in it: the named metrics on
 * every service's /q/metrics, JSON log lines carrying its job_id, and one trace across the Kafka hops.
 */
@ExtendWith(LiveStack.class)
class OperationsIT {
    private static final Map<String, List<Integer>> PORTS = Map.of(
            "ingress-api", LocalStack.INGRESS_PODS, "token-service", List.of(8081),
            "account-worker", List.of(8082, 8182), "location-worker", List.of(8083, 8183),
            "review-worker", List.of(8084, 8184), "retry-service", List.of(8085, 8185));

    @Test
    void aJobShowsOnMetricsInJsonLogsAndAsOneTrace() throws Exception {
        String missing = Emulator.fetchableReviewsByLocation().keySet().stream().sorted().findFirst().orElseThrow();
        Http.Answer faults = Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of(
                "errorRates", Map.of("503", 0.2), "endpoints", List.of("reviews.list"), "notFoundLocations", List.of(missing)));
        assertEquals(200, faults.status(), faults.text());
        Map<TopicPartition, Long> before = TopicScan.mark();

        String jobId = Jobs.submitWithFreshToken();
        JsonNode status = Jobs.awaitFinalStatus(jobId);
        assertEquals("completed_with_errors", status.path("status").asText(), status.toString());

        assertMetrics();
        for (String service : List.of("ingress-api", "account-worker", "location-worker", "review-worker", "retry-service")) {
            assertJsonLogLineWithJobId(service, jobId);
        }
        assertOneTrace(before, jobId);
    }

    private static void assertMetrics() throws Exception {
        // Prometheus scrapes on its own schedule: the meters are there once the job is, no waiting needed.
        positive("ingress-api", "ingress_submissions_accepted_total");
        positive("ingress-api", "ingress_job_events_applied_total");
        positive("ingress-api", "jobs_duration_seconds_count{status=\"completed_with_errors\"}");
        positive("token-service", "token_service_permits_granted_total");
        positive("account-worker", "google_api_calls_seconds_count{endpoint=\"accounts.list\",status=\"200\"}");
        positive("location-worker", "google_api_calls_seconds_count{endpoint=\"locations.list\",status=\"200\"}");
        positive("review-worker", "google_api_calls_seconds_count{endpoint=\"reviews.list\",status=\"200\"}");
        positive("review-worker", "google_api_calls_seconds_count{endpoint=\"reviews.list\",status=\"503\"}");
        positive("review-worker", "stage_dead_letters_total{reason=\"http_404\",topic=\"fetch-reviews\"}");
        positive("retry-service", "retry_scheduled_total");
        positive("retry-service", "retry_republished_total");
        for (String worker : List.of("account-worker", "location-worker", "review-worker")) {
            positive(worker, "stage_records_consumed_total");
            positive(worker, "stage_records_produced_total");
            positive(worker, "stage_permit_wait_seconds_count");
        }
        for (String consumer : List.of("ingress-api", "account-worker", "location-worker", "review-worker", "retry-service")) {
            // Lag is often 0 after a job, and NaN when the Kafka client recorded no lag in its sample window (CI saw it
            // on retry-service): the metric must be there, its value is whatever it is.
            exposes(consumer, "kafka_consumer_fetch_manager_records_lag_max");
        }
    }

    /** The sum over a service's replicas of every series of the metric that carries the given labels (exemplars ignored). */
    private static double sum(String service, String metric) throws Exception {
        return sum(service, metric, false);
    }

    private static void exposes(String service, String metric) throws Exception {
        sum(service, metric, true);
    }

    private static double sum(String service, String metric, boolean nanCounts) throws Exception {
        int brace = metric.indexOf('{');
        String name = brace < 0 ? metric : metric.substring(0, brace);
        List<String> labels = brace < 0 ? List.of() : List.of(metric.substring(brace + 1, metric.length() - 1).split(","));
        Pattern series = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)( # .*)?$", Pattern.MULTILINE);
        double total = 0;
        boolean found = false;
        for (int port : PORTS.get(service)) {
            Matcher line = series.matcher(Http.get("http://127.0.0.1:" + port + "/q/metrics").text());
            while (line.find()) {
                String tags = line.group(1) == null ? "" : line.group(1);
                if (labels.stream().allMatch(tags::contains) && (nanCounts || !line.group(2).equals("NaN"))) {
                    found = true;
                    total += line.group(2).equals("NaN") ? 0 : Double.parseDouble(line.group(2));
                }
            }
        }
        if (!found) {
            fail(service + " exposes no " + metric);
        }
        return total;
    }

    private static void positive(String service, String metric) throws Exception {
        assertTrue(sum(service, metric) > 0, service + ": " + metric + " should be above 0");
    }

    /** Some line of the service's logs (any replica) is a JSON object whose MDC names the job. */
    private static void assertJsonLogLineWithJobId(String service, String jobId) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(LocalStack.logs())) {
            logs = files.filter(f -> f.getFileName().toString().matches(Pattern.quote(service) + "(-\\d+)?\\.log")).toList();
        }
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("{") && line.contains(jobId)) {
                    JsonNode json = Http.JSON.readTree(line);
                    if (jobId.equals(json.path("mdc").path("job_id").asText())) {
                        assertFalse(json.path("message").asText().isEmpty(), line);
                        if (!service.equals("ingress-api")) {
                            assertTrue(json.path("mdc").has("topic") && json.path("mdc").has("offset"), line);
                        }
                        return;
                    }
                }
            }
        }
        fail("no JSON log line of " + service + " carries job_id " + jobId + " (in " + logs + ")");
    }

    /** Every record the job left on the stage topics and the output carries a traceparent of the one trace. */
    private static void assertOneTrace(Map<TopicPartition, Long> before, String jobId) throws Exception {
        Set<String> traceIds = new TreeSet<>();
        int records = 0;
        for (String topic : List.of("fetch-accounts", "fetch-locations", "fetch-reviews", "fetch-retry", "reviews-raw")) {
            for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, topic)) {
                if (!TopicScan.ofJob(record, jobId)) { // some topics are keyed by account or location id
                    continue;
                }
                Header traceparent = record.headers().lastHeader("traceparent");
                assertTrue(traceparent != null, topic + "@" + record.offset() + " has no traceparent header");
                // W3C: version-traceid-spanid-flags
                traceIds.add(new String(traceparent.value(), StandardCharsets.US_ASCII).split("-")[1]);
                records++;
            }
        }
        assertTrue(records > 10, "records of the job: " + records);
        assertEquals(1, traceIds.size(), "trace ids of the job's records: " + traceIds);

        // The exporters send a batch every 5 s.
        List<String> notExported = Poll.until(Duration.ofSeconds(30), () -> {
            String received = TraceReceiver.received();
            return Stream.of("ingress-api", "account-worker", "location-worker", "review-worker", "retry-service")
                    .filter(service -> !received.contains(service)).toList();
        });
        assertEquals(List.of(), notExported, "services whose spans never reached the OTLP endpoint");
    }
}
