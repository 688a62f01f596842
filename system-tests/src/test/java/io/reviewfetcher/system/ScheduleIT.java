package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled syncs on the running stack, with two ingress-api pods polling the same schedules table: a due run starts
 * once and on time, a missed run fires once after a stop, a paused schedule fires nothing, an overlapping run is
 * skipped. The stack allows schedules every 10 s ({@link LocalStack#SCHEDULE_MIN_EVERY}); each pod polls every 5 s.
 */
@ExtendWith(LiveStack.class)
class ScheduleIT {
    private static final Duration EVERY = LocalStack.SCHEDULE_MIN_EVERY;
    /** A run starts at most a poll late (5 s); a little more for a busy machine. */
    private static final Duration ON_TIME = Duration.ofSeconds(8);
    private static final Pattern STARTED = Pattern.compile("ingress_scheduled_runs_total\\{[^}]*outcome=\"started\"[^}]*} ([0-9.]+)");
    private static final List<Integer> REVIEW_WORKERS = List.of(8084, 8184);

    private static String clientId;
    private static String location;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void client() throws Exception {
        for (int port : LocalStack.INGRESS_PODS) {
            assertEquals(200, Http.probe("http://127.0.0.1:" + port + "/q/health/ready"), "ingress-api on :" + port);
        }
        // This stack's schedules are the tests': one left by an earlier, interrupted run would add its own starts.
        for (JsonNode schedule : Http.get(LocalStack.INGRESS + "/api/v1/schedules?limit=100", "X-API-Key", LocalStack.callerKey())
                .body().path("schedules")) {
            Http.delete(LocalStack.INGRESS + "/api/v1/schedules/" + id(schedule), "X-API-Key", LocalStack.callerKey());
        }
        clientId = Clients.connect("schedules");
        location = smallestLocation();
    }

    @AfterEach
    void deleteSchedulesAndResumeIntake() throws Exception {
        for (String id : created) {
            Http.delete(LocalStack.INGRESS + "/api/v1/schedules/" + id, "X-API-Key", LocalStack.callerKey());
        }
        for (int port : REVIEW_WORKERS) {
            Http.post("http://127.0.0.1:" + port + "/admin/intake/resume", "{}", "X-API-Key", LocalStack.secret("ADMIN_API_KEY"));
        }
    }

    @Test
    void aDueRunStartsOnceAndOnTimeAcrossTwoPodsAndAPausedScheduleStartsNone() throws Exception {
        double startedBefore = startedOnAllPods();
        JsonNode running = create(false);
        JsonNode paused = create(true);
        Instant first = Instant.parse(running.path("next_full_at").asText());

        // Four due times: the first (a full run), then three incremental ones on the schedule's grid.
        Instant lastDue = first.plus(EVERY.multipliedBy(3));
        assertEquals(List.of(), Poll.until(EVERY.multipliedBy(6), () -> runs(id(running)).size() + skipped(running) >= 4
                ? List.of() : List.of("runs so far: " + runs(id(running)))));

        List<JsonNode> runs = runs(id(running));
        Map<Instant, Integer> byDueTime = new HashMap<>();
        for (JsonNode run : runs) {
            Instant due = Instant.parse(run.path("due_at").asText());
            byDueTime.merge(due, 1, Integer::sum);
            long step = Duration.between(first, due).toMillis();
            assertEquals(0, step % EVERY.toMillis(), "a due time on the schedule's grid: " + run);
            Duration late = Duration.between(due, Instant.parse(run.path("started_at").asText()));
            assertTrue(!late.isNegative() && late.compareTo(ON_TIME) <= 0, "started on time: " + run);
            assertEquals("completed", Jobs.awaitFinalStatus(run.path("job_id").asText()).path("status").asText());
        }
        assertTrue(byDueTime.values().stream().allMatch(times -> times == 1), "one run per due time: " + runs);
        assertTrue(byDueTime.keySet().stream().allMatch(due -> !due.isAfter(lastDue.plus(EVERY))), runs.toString());
        assertEquals("schedule:full", runs.get(runs.size() - 1).path("trigger").asText(), "the first run is a full one");
        // Each start is counted by the pod that claimed it: the pods together started exactly the runs listed.
        assertEquals(runs.size(), startedOnAllPods() - startedBefore, 0.0, "runs started on all pods");
        assertEquals(List.of(), runs(id(paused)), "a paused schedule starts nothing");
    }

    @Test
    void aRunMissedWhileEveryPodWasDownStartsOnceAfterTheRestart() throws Exception {
        JsonNode schedule = create(false);
        // Stopped at a quiet moment: the last run over and the next due time ahead. (A run still going at the stop is
        // known to have ended only once a pod has read its job's events again, after the first poll: that poll skips.)
        assertEquals(List.of(), Poll.until(EVERY.multipliedBy(4), () -> quiet(schedule) ? List.of() : List.of("no quiet moment")));
        Instant nextDue = Instant.parse(get(id(schedule)).path("next_incremental_at").asText());
        int before = runs(id(schedule)).size();

        for (int port : LocalStack.INGRESS_PODS) {
            stop(port == 8080 ? "ingress-api" : "ingress-api-" + (port - 8080) / 100);
        }
        // Down for three due times of the schedule.
        Instant back = nextDue.plus(EVERY.multipliedBy(2)).plusSeconds(2);
        while (Instant.now().isBefore(back)) {
            Thread.sleep(500); // the downtime itself: what is tested is what happens after it
        }
        LocalStack.restart();

        assertEquals(List.of(), Poll.until(EVERY.multipliedBy(2),
                () -> runs(id(schedule)).size() > before ? List.of() : List.of("no run after the restart")));
        List<JsonNode> missed = runs(id(schedule)).stream()
                .filter(run -> !Instant.parse(run.path("due_at").asText()).isBefore(nextDue))
                .filter(run -> Instant.parse(run.path("due_at").asText()).isBefore(back)).toList();
        assertEquals(1, missed.size(), "one run for the three due times missed: " + missed);
        assertEquals(nextDue, Instant.parse(missed.get(0).path("due_at").asText()), "the run is for the first missed due time");
        Instant following = Instant.parse(get(id(schedule)).path("next_incremental_at").asText());
        assertTrue(following.isAfter(back), "the next due time is on the grid after the restart: " + following);
        assertEquals(0, Duration.between(nextDue, following).toMillis() % EVERY.toMillis(), "the schedule keeps its phase");
    }

    /** The schedule's last run is over and its next due time at least 3 s ahead. */
    private static boolean quiet(JsonNode schedule) throws Exception {
        JsonNode now = get(id(schedule));
        if (now.path("last_job_id").isNull()
                || Instant.parse(now.path("next_incremental_at").asText()).isBefore(Instant.now().plusSeconds(3))) {
            return false;
        }
        String status = Http.get(LocalStack.INGRESS + "/api/v1/review-fetch/" + now.path("last_job_id").asText())
                .body().path("status").asText();
        return status.equals("completed") || status.equals("completed_with_errors") || status.equals("failed");
    }

    @Test
    void aRunDueWhileThePreviousOneIsStillGoingIsSkippedAndCounted() throws Exception {
        for (int port : REVIEW_WORKERS) {
            assertEquals(200, Http.post("http://127.0.0.1:" + port + "/admin/intake/pause", "{}",
                    "X-API-Key", LocalStack.secret("ADMIN_API_KEY")).status());
        }
        JsonNode schedule = create(false);
        // The first run cannot end while the review-workers take nothing: the next two due times pass during it.
        assertEquals(List.of(), Poll.until(EVERY.multipliedBy(4), () -> skipped(schedule) >= 2 ? List.of() : List.of("skipped " + skipped(schedule))));
        List<JsonNode> runs = runs(id(schedule));
        assertEquals(1, runs.size(), runs.toString());
        assertEquals("running", Http.get(LocalStack.INGRESS + "/api/v1/review-fetch/" + runs.get(0).path("job_id").asText())
                .body().path("status").asText());

        for (int port : REVIEW_WORKERS) {
            Http.post("http://127.0.0.1:" + port + "/admin/intake/resume", "{}", "X-API-Key", LocalStack.secret("ADMIN_API_KEY"));
        }
        assertEquals("completed", Jobs.awaitFinalStatus(runs.get(0).path("job_id").asText()).path("status").asText());
        assertEquals(List.of(), Poll.until(EVERY.multipliedBy(2), () -> runs(id(schedule)).size() >= 2 ? List.of() : List.of("no run after it")));
    }

    private JsonNode create(boolean paused) throws Exception {
        Http.Answer answer = Http.post(LocalStack.INGRESS + "/api/v1/schedules", Map.of("client_id", clientId,
                        "location_ids", List.of(location), "incremental_every", EVERY.toString(), "full_every", "P1D", "paused", paused),
                "X-API-Key", LocalStack.callerKey());
        assertEquals(201, answer.status(), answer.text());
        created.add(id(answer.body()));
        return answer.body();
    }

    private static String id(JsonNode schedule) {
        return schedule.path("id").asText();
    }

    private static JsonNode get(String id) throws Exception {
        return Http.get(LocalStack.INGRESS + "/api/v1/schedules/" + id, "X-API-Key", LocalStack.callerKey()).body();
    }

    private static long skipped(JsonNode schedule) throws Exception {
        return get(id(schedule)).path("runs_skipped").asLong();
    }

    /** The schedule's runs, newest first. */
    private static List<JsonNode> runs(String id) throws Exception {
        Http.Answer answer = Http.get(LocalStack.INGRESS + "/api/v1/review-fetch?limit=100&schedule_id=" + id,
                "X-API-Key", LocalStack.callerKey());
        assertEquals(200, answer.status(), answer.text());
        List<JsonNode> runs = new ArrayList<>();
        answer.body().path("jobs").forEach(runs::add);
        return runs;
    }

    private static double startedOnAllPods() throws Exception {
        double started = 0;
        for (int port : LocalStack.INGRESS_PODS) {
            Matcher counter = STARTED.matcher(Http.get("http://127.0.0.1:" + port + "/q/metrics").text());
            started += counter.find() ? Double.parseDouble(counter.group(1)) : 0;
        }
        return started;
    }

    /** SIGTERM, as Kubernetes stops a pod, then the wait for its end (stack.sh up skips a live instance). */
    private static void stop(String instance) throws Exception {
        long pid = Long.parseLong(Files.readString(LocalStack.ROOT.resolve("deploy/local/run/pids/" + instance + ".pid")).trim());
        ProcessHandle.of(pid).ifPresent(process -> {
            process.destroy();
            process.onExit().join();
        });
    }

    /** The verified location with the fewest reviews (at least one): its runs are a call or two. */
    private static String smallestLocation() throws Exception {
        JsonNode best = null;
        for (JsonNode candidate : Http.get(LocalStack.EMULATOR + "/emulator/truth").body().path("locations")) {
            int count = candidate.path("totalReviewCount").asInt();
            if (candidate.path("verified").asBoolean() && count > 0
                    && (best == null || count < best.path("totalReviewCount").asInt())) {
                best = candidate;
            }
        }
        String name = best.path("name").asText();
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
