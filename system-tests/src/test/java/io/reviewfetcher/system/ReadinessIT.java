package io.reviewfetcher.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Readiness follows the dependencies: a pod whose Kafka, Redis or PostgreSQL is unreachable says DOWN
 * (503), so Kubernetes stops routing to it, and says UP again once the dependency is back.
 */
class ReadinessIT {
    private static final Duration WITHIN = Duration.ofSeconds(60);
    /** Who depends on what: the first instance of each service is enough to show the rule. */
    private static final Map<String, Integer> KAFKA_USERS = Map.of("ingress-api", 8080, "account-worker", 8082,
            "location-worker", 8083, "review-worker", 8084, "retry-service", 8085);
    private static final Map<String, Integer> REDIS_USERS = Map.of("ingress-api", 8080, "token-service", 8081,
            "location-worker", 8083, "review-worker", 8084, "retry-service", 8085);
    private static final Map<String, Integer> POSTGRES_USERS = Map.of("token-service", 8081);

    @BeforeAll
    static void stack() throws Exception {
        LocalStack.up();
    }

    @AfterAll
    static void everythingBack() throws Exception {
        LocalStack.restart(); // whatever a failed assertion left stopped; stack.sh up waits until all are ready
    }

    @Test
    void kafka() throws Exception {
        awaitReadiness(KAFKA_USERS, 200);
        stop("kafka");
        awaitReadiness(KAFKA_USERS, 503);
        LocalStack.restart();
        awaitReadiness(KAFKA_USERS, 200);
    }

    @Test
    void redis() throws Exception {
        awaitReadiness(REDIS_USERS, 200);
        stop("redis");
        awaitReadiness(REDIS_USERS, 503);
        LocalStack.restart();
        awaitReadiness(REDIS_USERS, 200);
    }

    @Test
    void postgres() throws Exception {
        awaitReadiness(POSTGRES_USERS, 200);
        postgres("stop");
        try {
            awaitReadiness(POSTGRES_USERS, 503);
        } finally {
            postgres("start");
        }
        awaitReadiness(POSTGRES_USERS, 200);
    }

    /** Stops a process the stack started (SIGTERM: Kafka and Redis shut down cleanly and keep their data). */
    private static void stop(String name) throws Exception {
        long pid = Long.parseLong(Files.readString(LocalStack.ROOT.resolve("deploy/local/run/pids/" + name + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        process.destroy();
        process.onExit().get(); // Kafka takes a few seconds to shut down
    }

    private static void postgres(String action) throws Exception {
        String cluster = "pg_lsclusters --no-header | awk '$3 == 5432 {print $1, $2; exit}'";
        String sudo = "[ \"$(id -u)\" = 0 ] || SUDO=sudo; ";
        Process process = new ProcessBuilder("bash", "-c", sudo + "$SUDO pg_ctlcluster $(" + cluster + ") " + action)
                .inheritIO().start();
        assertEquals(0, process.waitFor(), "pg_ctlcluster " + action);
    }

    private static void awaitReadiness(Map<String, Integer> services, int expected) throws Exception {
        List<String> wrong = Poll.until(WITHIN, () -> services.entrySet().stream()
                .filter(service -> readiness(service.getValue()) != expected)
                .map(service -> service.getKey() + "=" + readiness(service.getValue())).toList());
        assertEquals(List.of(), wrong, "readiness should be " + expected + " within " + WITHIN);
    }

    private static int readiness(int port) {
        return Http.probe("http://127.0.0.1:" + port + "/q/health/ready");
    }
}
