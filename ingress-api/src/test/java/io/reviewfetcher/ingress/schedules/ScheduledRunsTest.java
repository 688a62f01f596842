package io.reviewfetcher.ingress.schedules;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.TestEnvironment;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled runs against the real PostgreSQL, Kafka and Redis: several pollers racing for the same due run (what
 * several pods do: each poll claims in a transaction of its own, on a connection of its own) start it once; a run
 * missed for hours fires once; a paused schedule fires nothing; a run due while the previous one still goes is
 * skipped and counted; the run's job is an ordinary job with its client, schedule_id and trigger in its status, listed
 * under its schedule and in the job list under its client. The background poller is off here so that each poll is the test's.
 */
@QuarkusTest
@TestProfile(ScheduledRunsTest.NoBackgroundPolls.class)
class ScheduledRunsTest {

    /** The test polls itself. */
    public static class NoBackgroundPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingress.schedules.poll-every", "off");
        }
    }

    @Inject
    SchedulePoller poller;

    @Inject
    Pool pool;

    @Inject
    JobStatusStore statusStore;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteWhatWasCreated() {
        created.forEach(id -> given().header("X-API-Key", TestEnvironment.API_KEY).delete("/api/v1/schedules/" + id));
    }

    private String create(String body) {
        String id = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY).body(body)
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        created.add(id);
        return id;
    }

    private Row row(String id) {
        return pool.preparedQuery("SELECT * FROM scheduling.schedules WHERE id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private List<Row> runs(String id) {
        List<Row> runs = new ArrayList<>();
        pool.preparedQuery("SELECT * FROM scheduling.runs WHERE schedule_id = $1 ORDER BY started_at").execute(Tuple.of(UUID.fromString(id)))
                .await().atMost(Duration.ofSeconds(10)).forEach(runs::add);
        return runs;
    }

    private void sql(String statement, Object... params) {
        pool.preparedQuery(statement).execute(Tuple.from(List.of(params))).await().atMost(Duration.ofSeconds(10));
    }

    /** Three polls at once, as three pods polling in the same instant. */
    private void pollAsThreePods() {
        Uni.join().all(poller.poll(), poller.poll(), poller.poll()).andCollectFailures().await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void aDueRunStartsOnceHoweverManyPodsPollAndIsAnOrdinaryJob() {
        Instant before = Instant.now().minusSeconds(1);
        String id = create("{\"client_id\":\"acme-scheduled\",\"account_ids\":[\"111\"],\"incremental_every\":\"PT15M\",\"full_every\":\"P1D\"}");

        pollAsThreePods();
        pollAsThreePods();

        List<Row> runs = runs(id);
        assertEquals(1, runs.size(), "one run: due for both kinds, it is one full run");
        assertEquals("schedule:full", runs.get(0).getString("trigger"));
        String jobId = runs.get(0).getUUID("job_id").toString();
        Row schedule = row(id);
        assertEquals(1, schedule.getLong("runs_started"));
        assertEquals(jobId, schedule.getUUID("last_job_id").toString());
        assertTrue(schedule.getOffsetDateTime("next_incremental_at").toInstant().isAfter(Instant.now()));

        List<FetchAccounts> jobs = KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, before, 2, Duration.ofSeconds(10)).stream()
                .map(record -> EventCodec.decode(record.value(), FetchAccounts.class)).toList();
        assertEquals(1, jobs.size(), "one job on fetch-accounts");
        assertEquals("client:acme-scheduled", jobs.get(0).credential());
        assertEquals(List.of("111"), jobs.get(0).accountIds());
        assertEquals(FetchMode.FULL, jobs.get(0).mode());

        given().get("/api/v1/review-fetch/" + jobId).then().statusCode(200)
                .body("client_id", is("acme-scheduled")).body("schedule_id", is(id)).body("trigger", is("schedule:full"));
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("schedule_id", id).get("/api/v1/review-fetch")
                .then().statusCode(200).body("jobs.size()", is(1)).body("jobs[0].job_id", is(jobId));
        // And in the job list, under its client, as any job of the client is.
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("client_id", "acme-scheduled").queryParam("limit", 100)
                .get("/api/v1/review-fetch").then().statusCode(200).body("jobs.job_id", hasItem(jobId));
    }

    @Test
    void aRunMissedForHoursFiresOnce() {
        String id = create("{\"client_id\":\"acme-scheduled\",\"incremental_every\":\"PT5M\"}");
        pollAsThreePods(); // the first run, due at creation
        finish(row(id).getUUID("last_job_id").toString());
        // As if every pod had been down for three hours: 36 runs missed.
        sql("UPDATE scheduling.schedules SET next_incremental_at = now() - interval '3 hours' WHERE id = $1", UUID.fromString(id));

        pollAsThreePods();
        pollAsThreePods();

        assertEquals(2, runs(id).size(), "the first run and one for everything missed");
        assertEquals(2, row(id).getLong("runs_started"));
        Instant next = row(id).getOffsetDateTime("next_incremental_at").toInstant();
        assertTrue(next.isAfter(Instant.now()) && next.isBefore(Instant.now().plus(Duration.ofMinutes(5))), next.toString());
    }

    @Test
    void aPausedScheduleFiresNothingAndResumingRunsWhatFellDueOnce() {
        String id = create("{\"client_id\":\"acme-scheduled\",\"incremental_every\":\"PT5M\",\"paused\":true}");
        sql("UPDATE scheduling.schedules SET next_incremental_at = now() - interval '1 hour' WHERE id = $1", UUID.fromString(id));

        pollAsThreePods();
        assertEquals(0, runs(id).size());

        given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY).body("{\"paused\":false}")
                .patch("/api/v1/schedules/" + id).then().statusCode(200);
        pollAsThreePods();
        pollAsThreePods();
        assertEquals(1, runs(id).size());
    }

    @Test
    void aRunDueWhileThePreviousOneStillGoesIsSkippedAndCounted() {
        String id = create("{\"client_id\":\"acme-scheduled\",\"incremental_every\":\"PT5M\"}");
        // A previous run that is still queued: a job this test alone knows, never published, so no worker finishes it.
        String running = UUID.randomUUID().toString();
        statusStore.apply(submitted(running)).await().atMost(Duration.ofSeconds(10));
        sql("UPDATE scheduling.schedules SET last_job_id = $2 WHERE id = $1", UUID.fromString(id), UUID.fromString(running));

        pollAsThreePods();

        Row schedule = row(id);
        assertEquals(0, runs(id).size(), "not stacked");
        assertEquals(1, schedule.getLong("runs_skipped"));
        assertEquals(0, schedule.getLong("runs_started"));
        assertEquals(running, schedule.getUUID("last_job_id").toString());
        assertTrue(schedule.getOffsetDateTime("next_incremental_at").toInstant().isAfter(Instant.now()), "moved on as for a run");
    }

    /** The job's status final (failed: its root task dead-lettered), so it no longer blocks its schedule. */
    private void finish(String jobId) {
        statusStore.apply(new JobEvent(jobId, Instant.now(), TaskIds.ACCOUNTS, 0, JobEvent.Outcome.DEAD_LETTERED, List.of(),
                0, 0, 0, 0, "test: finished")).await().atMost(Duration.ofSeconds(10));
    }

    private static JobEvent submitted(String jobId) {
        return new JobEvent(jobId, Instant.now(), TaskIds.SUBMISSION, 0, JobEvent.Outcome.SUBMITTED, List.of(TaskIds.ACCOUNTS),
                0, 0, 0, 0, null);
    }
}
