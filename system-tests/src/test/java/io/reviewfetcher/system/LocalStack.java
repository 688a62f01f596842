package io.reviewfetcher.system;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The system under test: every service as its own process, two replicas of each worker, started (or found
 * running) by {@code deploy/local/stack.sh up}, the same script the demo uses.
 */
final class LocalStack {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String INGRESS = "http://127.0.0.1:8080";
    static final String TOKEN_SERVICE = "http://127.0.0.1:8081";
    static final String RETRY_SERVICE = "http://127.0.0.1:8085";
    static final String EMULATOR = "http://127.0.0.1:8089";
    static final String KAFKA = "127.0.0.1:9092";
    static final int REPLICAS = 2;
    private static final String FETCH_ACCOUNTS = "fetch-accounts";
    /** ingress-api's pods (REPLICAS of them; replica k listens on 8080 + 100 k). */
    static final List<Integer> INGRESS_PODS = List.of(8080, 8180);
    /** The shortest incremental_every this stack allows, so that schedules can be seen firing within a test. */
    static final Duration SCHEDULE_MIN_EVERY = Duration.ofSeconds(10);

    private static boolean up;
    private static Map<String, String> secrets;

    private LocalStack() {
    }

    static synchronized void up() throws IOException, InterruptedException {
        if (!up) {
            skipLeftoverJobs();
            restart();
            emptyReviewStore();
            up = true;
        }
    }

    /** Starts whatever part of the stack is not running (stack.sh up is idempotent). */
    static synchronized void restart() throws IOException, InterruptedException {
        ProcessBuilder stack = new ProcessBuilder(ROOT.resolve("deploy/local/stack.sh").toString(), "up")
                .directory(ROOT.toFile()).inheritIO();
        stack.environment().put("REPLICAS", Integer.toString(REPLICAS));
        stack.environment().put("INGRESS_SCHEDULES_MIN_INCREMENTAL_EVERY", SCHEDULE_MIN_EVERY.toString());
        // Traces on, exported to this test run's own OTLP receiver (they are off by default).
        stack.environment().put("OTEL_SDK_DISABLED", "false");
        stack.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", TraceReceiver.start());
        stack.environment().put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        int exit = stack.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("deploy/local/stack.sh up failed with " + exit + "; see deploy/local/logs/");
        }
    }

    /**
     * The review store emptied, once per test run: it lives in PostgreSQL, which outlasts the stack, while the emulator
     * makes its data set anew at each start (same seed, same review ids). A store kept from an earlier run would hold
     * that run's edits, newer than anything this run's Google shows (FreshnessIT failed so).
     */
    private static void emptyReviewStore() throws IOException, InterruptedException {
        int exit = new ProcessBuilder(ROOT.resolve("deploy/local/stack.sh").toString(), "empty-review-store")
                .directory(ROOT.toFile()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("deploy/local/stack.sh empty-review-store failed with " + exit);
        }
    }

    /**
     * Jobs already on fetch-accounts when the system tests begin are skipped: account-worker's offsets there are moved to
     * the end, once per run, before it starts. In CI they are ingress-api's module tests' jobs, for clients that do not
     * exist: worked, they cost a minute of token-service's 404s and a thousand dead letters (seen in the console's
     * dead-letter list). With the stack already running (the group has members) nothing is moved.
     */
    private static void skipLeftoverJobs() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(FETCH_ACCOUNTS)).allTopicNames().get(30, TimeUnit.SECONDS).get(FETCH_ACCOUNTS).partitions()
                    .forEach(p -> latest.put(new TopicPartition(FETCH_ACCOUNTS, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets("account-worker", ends).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("LocalStack: leftover jobs on " + FETCH_ACCOUNTS + " not skipped (" + e.getCause() + ")");
        }
    }

    /** A secret as the services see it: the environment first, else the stack's generated file. */
    static synchronized String secret(String name) throws IOException {
        String fromEnv = System.getenv(name);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (secrets == null) {
            secrets = new HashMap<>();
            for (String line : Files.readAllLines(ROOT.resolve("deploy/local/.secrets.env"))) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    secrets.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return secrets.get(name);
    }

    /**
     * A caller key to present in X-API-Key: the first entry of INGRESS_API_KEYS without its scope ({@code <key>=<clients>},
     * the scope after the last {@code =}), as deploy/local's secrets.sh derives INGRESS_API_KEY for the scripts.
     */
    static String callerKey() throws IOException {
        String first = secret("INGRESS_API_KEYS").split(",")[0].trim();
        int scope = first.lastIndexOf('=');
        return (scope < 0 ? first : first.substring(0, scope)).trim();
    }

    static Path logs() {
        return ROOT.resolve("deploy/local/logs");
    }
}
