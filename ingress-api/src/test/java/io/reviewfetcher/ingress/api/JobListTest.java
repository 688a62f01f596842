package io.reviewfetcher.ingress.api;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.ingress.jobs.JobFilter;
import io.reviewfetcher.ingress.jobs.JobIndex;
import io.reviewfetcher.ingress.jobs.JobList;
import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.reviewfetcher.ingress.jobs.JobStatus;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
import io.reviewfetcher.ingress.jobs.JobsPage;
import io.reviewfetcher.ingress.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job list, {@code GET /api/v1/review-fetch} without schedule_id, over HTTP against the real Kafka and Redis: jobs
 * submitted as a caller submits them are listed newest first, by client and by status, page by page with the cursor
 * (each once), a page ends early at the scan bound with a cursor to go on from; a key valid for some clients lists only
 * them; bad parameters are 400s naming the parameter. And {@link JobList} called from Java, as the operator console
 * calls it: jobs of the same millisecond paged by id, the index's bounds in Redis. Each test has clients of its own
 * (random ids), so the index the earlier runs left in Redis changes nothing.
 */
@QuarkusTest
class JobListTest {

    private static final String PATH = "/api/v1/review-fetch";

    @Inject
    JobStatusStore statusStore;

    @Inject
    JobIndex jobIndex;

    @Inject
    JobList jobList;

    @Inject
    RedisDataSource redis;

    private static String newClient() {
        return "joblist-" + TestEnvironment.randomHex(6);
    }

    /** A client_id job, submitted over HTTP; a few milliseconds apart, so each is newer than the one before. */
    private static String submit(String clientId) {
        sleep(3);
        return given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY)
                .body("{\"client_id\":\"" + clientId + "\"}").post(PATH).then().statusCode(202).extract().path("job_id");
    }

    private static RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }

    private static Response list(String key, Map<String, ?> parameters) {
        return as(key).queryParams(parameters).get(PATH);
    }

    private static List<String> ids(Response page) {
        return page.then().statusCode(200).extract().jsonPath().getList("jobs.job_id", String.class);
    }

    /** Every job of the listing, page by page with the cursor; fails past {@code maxPages}. */
    private static List<String> everyPage(Map<String, ?> parameters, int maxPages) {
        List<String> all = new ArrayList<>();
        Map<String, Object> next = new HashMap<>(parameters);
        for (int pages = 0; pages < maxPages; pages++) {
            Response page = list(TestEnvironment.API_KEY, next);
            all.addAll(ids(page));
            String cursor = page.path("next_cursor");
            if (cursor == null) {
                return all;
            }
            next.put("cursor", cursor);
        }
        throw new AssertionError("still a next_cursor after " + maxPages + " pages");
    }

    private void apply(String jobId, String task, JobEvent.Outcome outcome) {
        statusStore.apply(new JobEvent(jobId, Instant.now(), task, 0, outcome, List.of(), 0, 0, 0, 0,
                outcome == JobEvent.Outcome.DONE ? null : "503 UNAVAILABLE")).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void jobsAreListedNewestFirstEveryJobOrOneClients() {
        String acme = newClient();
        String globex = newClient();
        String a1 = submit(acme);
        String g1 = submit(globex);
        String a2 = submit(acme);
        String g2 = submit(globex);
        String a3 = submit(acme);

        Response acmes = list(TestEnvironment.API_KEY, Map.of("client_id", acme));
        assertEquals(List.of(a3, a2, a1), ids(acmes));
        acmes.then().body("next_cursor", nullValue())
                .body("jobs.client_id", is(List.of(acme, acme, acme)))
                .body("jobs[0].status", is("queued")).body("jobs[0].schedule_id", nullValue())
                .body("jobs[0].counts.tasks_total", is(1)).body("jobs[0].submitted_at", notNullValue());
        assertEquals(List.of(g2, g1), ids(list(TestEnvironment.API_KEY, Map.of("client_id", globex))));

        // Every job: the other tests' (and earlier runs') jobs may be among them, ours are in order.
        List<String> every = ids(list(TestEnvironment.API_KEY, Map.of("limit", 100)));
        assertEquals(List.of(a3, g2, a2, g1, a1), every.stream().filter(List.of(a1, a2, a3, g1, g2)::contains).toList());
        // The job's own status says the same client.
        given().get(PATH + "/" + a1).then().statusCode(200).body("client_id", is(acme));
    }

    @Test
    void jobsAreFilteredByStatus() {
        String client = newClient();
        String completed = submit(client);
        String running = submit(client);
        String queued = submit(client);
        apply(completed, TaskIds.ACCOUNTS, JobEvent.Outcome.DONE);
        apply(running, TaskIds.ACCOUNTS, JobEvent.Outcome.RETRY_SCHEDULED);

        assertEquals(List.of(completed), ids(list(TestEnvironment.API_KEY, Map.of("client_id", client, "status", "completed"))));
        assertEquals(List.of(running), ids(list(TestEnvironment.API_KEY, Map.of("client_id", client, "status", "running"))));
        assertEquals(List.of(queued), ids(list(TestEnvironment.API_KEY, Map.of("client_id", client, "status", "queued"))));
        list(TestEnvironment.API_KEY, Map.of("client_id", client, "status", "failed")).then().statusCode(200)
                .body("jobs.size()", is(0)).body("next_cursor", nullValue());
        // Every client's completed jobs: ours among them, and nothing else that is not completed.
        Response everyCompleted = list(TestEnvironment.API_KEY, Map.of("status", "completed", "limit", 100));
        everyCompleted.then().statusCode(200).body("jobs.status", everyItem(is("completed")));
    }

    @Test
    void pagesGoOnFromTheCursorAndListEachJobOnce() {
        String client = newClient();
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            submitted.add(submit(client));
        }

        Response first = list(TestEnvironment.API_KEY, Map.of("client_id", client, "limit", 1));
        first.then().body("jobs.size()", is(1)).body("next_cursor", notNullValue());

        List<String> newestFirst = new ArrayList<>(submitted);
        Collections.reverse(newestFirst);
        // limit 1: four pages and an empty fifth (the fourth cannot tell that nothing follows its job).
        assertEquals(newestFirst, everyPage(Map.of("client_id", client, "limit", 1), 5), "newest first, each once");
        // limit 3: the second page reads fewer than it asked for, so it knows it is the last.
        assertEquals(newestFirst, everyPage(Map.of("client_id", client, "limit", 3), 2));
    }

    @Test
    void aPageEndsAtTheScanBoundWithACursorToGoOnFrom() {
        String client = newClient();
        String completed = submit(client);
        for (int i = 0; i < 11; i++) {
            submit(client);
        }
        apply(completed, TaskIds.ACCOUNTS, JobEvent.Outcome.DONE);

        // limit 1: at most 10 jobs examined, all queued: an empty page, and where to go on from.
        Response bounded = list(TestEnvironment.API_KEY, Map.of("client_id", client, "status", "completed", "limit", 1));
        bounded.then().statusCode(200).body("jobs.size()", is(0)).body("next_cursor", notNullValue());
        Response next = list(TestEnvironment.API_KEY, Map.of("client_id", client, "status", "completed", "limit", 1,
                "cursor", bounded.path("next_cursor")));
        assertEquals(List.of(completed), ids(next));
        next.then().body("next_cursor", nullValue());
    }

    @Test
    void aKeyValidForSomeClientsListsOnlyThem() {
        String acmeJob = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.ACME_API_KEY)
                .body("{\"client_id\":\"acme\"}").post(PATH).then().statusCode(202).extract().path("job_id");

        assertTrue(ids(list(TestEnvironment.ACME_API_KEY, Map.of("client_id", "acme", "limit", 100))).contains(acmeJob));
        list(TestEnvironment.ACME_API_KEY, Map.of("client_id", "globex")).then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", is("https://review-fetcher.io/problems/client-not-allowed"))
                .body("detail", is("this X-API-Key is not allowed for client_id globex"));
        list(TestEnvironment.ACME_API_KEY, Map.of()).then().statusCode(400).body("errors[0].field", is("client_id"));
        given().get(PATH).then().statusCode(401).contentType(startsWith("application/problem+json"));
        list("not-" + TestEnvironment.API_KEY, Map.of()).then().statusCode(401);
    }

    @Test
    void badParametersAre400sNamingThemAndNotTheirValues() {
        assertRefused(Map.of("status", "done"), "status");
        assertRefused(Map.of("status", "QUEUED"), "status");
        assertRefused(Map.of("client_id", "acme/reviews"), "client_id");
        assertRefused(Map.of("limit", "0"), "limit");
        assertRefused(Map.of("limit", "101"), "limit");
        assertRefused(Map.of("limit", "ten"), "limit");
        assertRefused(Map.of("cursor", "forged-cursor"), "cursor");
        assertRefused(Map.of("cursor", "AQAAAAAAAAPo"), "cursor");
        String schedule = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertRefused(Map.of("schedule_id", schedule, "status", "failed"), "status");
        // Empty parameters count as absent.
        list(TestEnvironment.API_KEY, Map.of("status", "", "client_id", "", "cursor", "")).then().statusCode(200);
    }

    private static void assertRefused(Map<String, String> parameters, String field) {
        Response refused = list(TestEnvironment.API_KEY, parameters);
        refused.then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", is(400)).body("errors[0].field", is(field));
        String value = parameters.get(field);
        if (value.length() >= 4) {
            assertFalse(refused.asString().contains(value), "the value is not repeated: " + refused.asString());
        }
    }

    /** The Java entry point, as the console calls it: jobs of one millisecond are paged by id, each once, between the others. */
    @Test
    void jobsOfTheSameMillisecondArePagedByIdFromJava() {
        String client = newClient();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String newer = record(client, t.plusMillis(1));
        List<String> sameTime = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sameTime.add(record(client, t));
        }
        String older = record(client, t.minusMillis(1));

        List<String> expected = new ArrayList<>();
        expected.add(newer);
        sameTime.stream().sorted(Comparator.reverseOrder()).forEach(expected::add);
        expected.add(older);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 8; pages++) {
            JobsPage page = jobList.list(new JobFilter(null, client), 1, cursor).await().atMost(Duration.ofSeconds(5));
            page.jobs().stream().map(JobStatus::jobId).forEach(paged::add);
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        assertNull(cursor, "the list came to its end");
        assertEquals(expected, paged);

        JobsPage whole = jobList.list(new JobFilter("queued", client), 100, null).await().atMost(Duration.ofSeconds(5));
        assertEquals(expected, whole.jobs().stream().map(JobStatus::jobId).toList());
        assertNull(whole.nextCursor());
    }

    /** The index keeps one retention: older entries go at the next write, are never listed meanwhile, and the key expires. */
    @Test
    void theIndexKeepsOneRetentionAndExpires() {
        String client = newClient();
        String key = TestEnvironment.STATUS_PREFIX + "index:client:" + client;
        Instant now = Instant.now();
        String tooOld = record(client, now.minus(Duration.ofDays(31)));
        String recent = record(client, now.minusSeconds(5));

        List<String> kept = redis.sortedSet(String.class).zrange(key, 0, -1);
        assertEquals(List.of(recent), kept, "the entry older than the retention went at the next write");
        long ttl = redis.key().ttl(key);
        assertTrue(ttl > Duration.ofDays(29).toSeconds() && ttl <= Duration.ofDays(30).toSeconds(), "expires a retention after its last write");
        assertTrue(redis.sortedSet(String.class).zrange(TestEnvironment.STATUS_PREFIX + "index:all", 0, -1).size() > 0);

        // Written after a newer one, an old entry stays in the set until the next write, but is not listed.
        String alsoTooOld = record(client, now.minus(Duration.ofDays(40)));
        assertEquals(2, redis.sortedSet(String.class).zrange(key, 0, -1).size());
        JobsPage page = jobList.list(new JobFilter(null, client), 100, null).await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of(recent), page.jobs().stream().map(JobStatus::jobId).toList());
        assertFalse(List.of(tooOld, alsoTooOld).contains(page.jobs().get(0).jobId()));
    }

    /** A job as the submission records it: its origin, its index entries at {@code at}, its submitted event. */
    private String record(String client, Instant at) {
        String jobId = UUID.randomUUID().toString();
        statusStore.recordOrigin(jobId, JobOrigin.ofClient(client)).await().atMost(Duration.ofSeconds(5));
        jobIndex.add(jobId, client, at).await().atMost(Duration.ofSeconds(5));
        statusStore.apply(new JobEvent(jobId, at, TaskIds.SUBMISSION, 0, JobEvent.Outcome.SUBMITTED, List.of(TaskIds.ACCOUNTS),
                0, 0, 0, 0, null)).await().atMost(Duration.ofSeconds(5));
        return jobId;
    }

    @Test
    void theJobListIsDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/review-fetch'.get.parameters.name", hasItems("status", "client_id", "schedule_id", "limit", "cursor"))
                .body("paths.'/api/v1/review-fetch'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/review-fetch'.get.responses.'400'", notNullValue())
                .body("paths.'/api/v1/review-fetch'.get.responses.'401'", notNullValue())
                .body("paths.'/api/v1/review-fetch'.get.responses.'403'", notNullValue())
                .body("paths.'/api/v1/review-fetch'.get.responses.'503'", notNullValue())
                .body("components.schemas.JobsPage.properties.next_cursor", notNullValue())
                .body("components.schemas.JobsPage.properties.jobs", notNullValue())
                .body("components.schemas.JobStatus.properties.client_id", notNullValue());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
