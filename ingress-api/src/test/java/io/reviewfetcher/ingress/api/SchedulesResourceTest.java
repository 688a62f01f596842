package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.admission.ClientNotAllowed;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.credentials.RegisteredClients;
import io.reviewfetcher.ingress.schedules.IntervalRules;
import io.reviewfetcher.ingress.schedules.NewSchedule;
import io.reviewfetcher.ingress.schedules.Schedule;
import io.reviewfetcher.ingress.schedules.ScheduleBodyReader;
import io.reviewfetcher.ingress.schedules.SchedulePage;
import io.reviewfetcher.ingress.schedules.SchedulePatch;
import io.reviewfetcher.ingress.schedules.ScheduleStore;
import io.reviewfetcher.ingress.schedules.ScheduledRun;
import io.reviewfetcher.ingress.schedules.Trigger;
import io.reviewfetcher.ingress.submission.InvalidSubmission;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.reviewfetcher.tokenservice.ServiceKeyStatus;
import io.reviewfetcher.ingress.support.TokenServiceFakes;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule API's edge: the caller key first, a key valid only for other clients (403, and a list of its own clients'
 * schedules), a client token-service does not have (422) or cannot tell about (503), ids and limits, what reaches the store, the answers' JSON, 404s, and the store's failures (503 without their details). Plain unit test: the resources called directly over a fake store
 * (the JSON mapping of refusals is SubmissionProblemsTest's; the database is ScheduleApiTest's, a @QuarkusTest).
 */
class SchedulesResourceTest {

    private static final String KEY = "caller-key-0123456789abcdef";
    /** Valid for other clients than the fake store's schedule's (acme-reviews). */
    private static final String GLOBEX_KEY = "globex-key-0123456789abcdef";
    private static final CallerKeys CALLER_KEYS = new CallerKeys(List.of(KEY + "=*", GLOBEX_KEY + "=globex|initech"));
    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant T = Instant.parse("2026-11-20T10:15:30Z");

    private final FakeStore store = new FakeStore();
    private final ScheduleBodyReader reader = new ScheduleBodyReader(
            new IntervalRules(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(366)), 1000);
    private final FakeTokenService tokenService = new FakeTokenService();
    private final RegisteredClients clients = new RegisteredClients(tokenService, Duration.ofSeconds(2));
    private final SchedulesResource resource = new SchedulesResource(store, reader, CALLER_KEYS, clients, 65536);
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Response await(Uni<Response> answer) {
        return answer.await().atMost(Duration.ofSeconds(5));
    }

    private static Problem refused(Supplier<Uni<Response>> call) {
        return assertThrows(ProblemException.class, () -> await(call.get())).problem();
    }

    @Test
    void everyEndpointWantsTheCallerKeyFirst() {
        assertEquals(401, refused(() -> resource.create(null, body("not json"))).status());
        Problem wrongKey = refused(() -> resource.list("wrong-key-0123456789", "0", null));
        assertEquals(401, wrongKey.status());
        assertFalse(wrongKey.detail().contains("wrong-key-0123456789"), "the key is not repeated");
        assertEquals(401, refused(() -> resource.get(null, "not-an-id")).status());
        assertEquals(401, refused(() -> resource.update(null, ID, body("{}"))).status());
        assertEquals(401, refused(() -> resource.delete(null, ID)).status());
        assertEquals(0, store.calls);
    }

    @Test
    void aKeyNotValidForTheSchedulesClientIsRefused403AndNothingChanges() {
        assertEquals("acme-reviews", assertThrows(ClientNotAllowed.class,
                () -> resource.create(GLOBEX_KEY, body("{\"client_id\":\"acme-reviews\",\"full_every\":\"P1D\"}"))).clientId());
        assertNull(store.created, "nothing created");

        assertThrows(ClientNotAllowed.class, () -> await(resource.get(GLOBEX_KEY, ID)));
        assertThrows(ClientNotAllowed.class, () -> await(resource.update(GLOBEX_KEY, ID, body("{\"paused\":true}"))));
        assertThrows(ClientNotAllowed.class, () -> await(resource.delete(GLOBEX_KEY, ID)));
        assertFalse(store.updated, "the schedule of another client is not changed");
        assertFalse(store.deleted, "nor deleted");

        ReviewFetchResource jobs = new ReviewFetchResource(null, null, null, null, store, CALLER_KEYS, limitsOnly());
        assertThrows(ClientNotAllowed.class, () -> await(jobs.list(GLOBEX_KEY, null, null, ID, null, null)));
    }

    @Test
    void aScopedKeyManagesItsClientsSchedulesAndNoneThatDoesNotExist() {
        assertEquals(201, await(resource.create(GLOBEX_KEY, body("{\"client_id\":\"globex\",\"full_every\":\"P1D\"}"))).getStatus());

        store.exists = false;
        assertEquals(404, refused(() -> resource.update(GLOBEX_KEY, ID, body("{\"paused\":true}"))).status(), "none: 404, not 403");
        assertEquals(404, refused(() -> resource.delete(GLOBEX_KEY, ID)).status());
    }

    @Test
    void aListShowsOnlyTheSchedulesOfTheKeysClients() {
        await(resource.list(GLOBEX_KEY, null, null));
        assertEquals(Set.of("globex", "initech"), store.clients);

        await(resource.list(KEY, null, null));
        assertNull(store.clients, "a key valid for every client sees every schedule");
    }

    @Test
    void aCreatedScheduleIsAnswered201WithItsLocationAndItsFields() throws Exception {
        Response response = await(resource.create(KEY, body("{\"client_id\":\"acme-reviews\",\"incremental_every\":\"PT15M\",\"full_every\":\"P1D\"}")));

        assertEquals(201, response.getStatus());
        assertEquals("/api/v1/schedules/" + ID, response.getLocation().toString());
        assertEquals(new NewSchedule("acme-reviews", null, null, Duration.ofMinutes(15), Duration.ofDays(1), false), store.created);
        JsonNode answer = json.valueToTree(response.getEntity());
        assertEquals(ID, answer.path("id").asText());
        assertEquals("PT15M", answer.path("incremental_every").asText());
        assertEquals("P1D", answer.path("full_every").asText(), "whole days as days, as given");
        assertTrue(answer.path("account_ids").isNull(), "null: every account");
        assertEquals(T.toString(), answer.path("next_full_at").asText());
        assertEquals(0, answer.path("runs_started").asLong());
        assertEquals(0, answer.path("runs_skipped").asLong());
        assertTrue(answer.path("last_job_id").isNull());
        assertFalse(answer.path("paused").asBoolean());
        assertEquals("/api/v1/review-fetch?schedule_id=" + ID, answer.path("jobs_url").asText());
    }

    @Test
    void aClientTokenServiceDoesNotHaveIs422AndNothingIsCreated() {
        tokenService.answer = () -> Uni.createFrom().item(Optional.empty());

        Problem problem = refused(() -> resource.create(KEY, body("{\"client_id\":\"acme-typo\",\"full_every\":\"P1D\"}")));

        assertEquals(422, problem.status());
        assertEquals("client_id", problem.errors().get(0).field());
        assertEquals("no client acme-typo is registered in token-service", problem.detail());
        assertEquals(List.of("acme-typo"), tokenService.asked);
        assertEquals(0, store.calls, "nothing created");
    }

    @Test
    void aRegisteredClientNotYetConnectedIsAccepted() {
        tokenService.answer = () -> Uni.createFrom().item(Optional.of(new TokenServiceApi.ClientConnection("acme-reviews", false)));

        assertEquals(201, await(resource.create(KEY, body("{\"client_id\":\"acme-reviews\",\"full_every\":\"P1D\"}"))).getStatus());
        assertEquals("acme-reviews", store.created.clientId());
    }

    @Test
    void tokenServiceUnavailableIs503WithRetryAfterAndNothingIsCreated() {
        tokenService.answer = () -> Uni.createFrom().failure(new TokenServiceUnavailable(null, "ConnectException"));

        ProblemException thrown = assertThrows(ProblemException.class,
                () -> await(resource.create(KEY, body("{\"client_id\":\"acme-reviews\",\"full_every\":\"P1D\"}"))));

        assertEquals(503, thrown.problem().status());
        assertEquals(Duration.ofSeconds(2), thrown.retryAfter());
        assertEquals(0, store.calls, "nothing created");
    }

    @Test
    void aKeyNotValidForTheClientIsRefusedBeforeTokenServiceIsAsked() {
        assertThrows(ClientNotAllowed.class,
                () -> resource.create(GLOBEX_KEY, body("{\"client_id\":\"acme-reviews\",\"full_every\":\"P1D\"}")));
        assertThrows(InvalidSubmission.class, () -> resource.create(KEY, body("{\"client_id\":\"acme\"}")));

        assertTrue(tokenService.asked.isEmpty(), "asked: " + tokenService.asked);
    }

    @Test
    void aBadBodyIsRefusedBeforeTheStore() {
        assertThrows(InvalidSubmission.class, () -> resource.create(KEY, body("{\"client_id\":\"acme\"}")));
        assertThrows(InvalidSubmission.class, () -> resource.update(KEY, ID, body("{\"unknown\":1}")));
        assertEquals(0, store.calls);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        SchedulesResource small = new SchedulesResource(store, reader, CALLER_KEYS, clients, 10);

        assertEquals(413, await(small.create(KEY, body("{\"client_id\":\"acme-reviews\",\"full_every\":\"P1D\"}"))).getStatus());
    }

    @Test
    void anIdThatIsNoUuidIs400WithoutRepeatingIt() {
        Problem problem = refused(() -> resource.get(KEY, "ya29.secret"));

        assertEquals(400, problem.status());
        assertEquals("id", problem.errors().get(0).field());
        assertFalse(problem.detail().contains("ya29.secret"));
    }

    @Test
    void anUpperCaseIdIsTheSameSchedule() {
        await(resource.get(KEY, ID.toUpperCase()));

        assertEquals(ID, store.lastId);
    }

    @Test
    void aMissingScheduleIs404() {
        store.exists = false;

        assertEquals(404, refused(() -> resource.get(KEY, ID)).status());
        assertEquals(404, refused(() -> resource.update(KEY, ID, body("{\"paused\":true}"))).status());
        assertEquals(404, refused(() -> resource.delete(KEY, ID)).status());
    }

    @Test
    void aPatchReachesTheStoreAndAnAnswerFollows() {
        Response response = await(resource.update(KEY, ID, body("{\"paused\":true}")));

        assertEquals(200, response.getStatus());
        assertEquals(Boolean.TRUE, store.patch.paused());
        assertEquals(204, await(resource.delete(KEY, ID)).getStatus());
    }

    @Test
    void theListTakesALimitAndACursor() {
        await(resource.list(KEY, null, null));
        assertEquals(20, store.limit);
        await(resource.list(KEY, "100", "c1"));
        assertEquals(100, store.limit);
        assertEquals("c1", store.cursor);

        assertEquals("limit", refused(() -> resource.list(KEY, "101", null)).errors().get(0).field());
        assertEquals("limit", refused(() -> resource.list(KEY, "0", null)).errors().get(0).field());
        store.badCursor = true;
        assertEquals("cursor", refused(() -> resource.list(KEY, null, "forged")).errors().get(0).field());
    }

    @Test
    void aStoreFailureIs503WithoutItsDetails() {
        store.failure = new IllegalStateException("connection to db.internal:5432 as review_fetcher refused");

        Problem problem = refused(() -> resource.get(KEY, ID));

        assertEquals(503, problem.status());
        assertFalse(problem.detail().contains("db.internal"));
    }

    @Test
    void aPatchThatLeavesNoIntervalIsRefusedAsInvalid() {
        assertThrows(InvalidSubmission.class, () -> await(resource.update(KEY, ID, body("{\"incremental_every\":null,\"full_every\":null}"))));
    }

    @Test
    void theJobsOfAScheduleAreListedNewestFirstWithTheirStatusUrls() {
        ReviewFetchResource jobs = new ReviewFetchResource(null, null, null, null, store, CALLER_KEYS, limitsOnly());
        store.runs = List.of(new ScheduledRun("3f2b7c1e-0000-3000-8000-000000000002", Trigger.INCREMENTAL, T, T.plusSeconds(2)),
                new ScheduledRun("3f2b7c1e-0000-3000-8000-000000000001", Trigger.FULL, T.minusSeconds(900), T.minusSeconds(898)));

        JsonNode answer = json.valueToTree(await(jobs.list(KEY, null, null, ID, "5", null)).getEntity());

        assertEquals(5, store.limit);
        assertEquals(ID, answer.path("schedule_id").asText());
        assertEquals("schedule:incremental", answer.path("jobs").get(0).path("trigger").asText());
        assertEquals("/api/v1/review-fetch/3f2b7c1e-0000-3000-8000-000000000002", answer.path("jobs").get(0).path("status_url").asText());
        assertEquals("schedule:full", answer.path("jobs").get(1).path("trigger").asText());
        assertEquals(401, refused(() -> jobs.list(null, null, null, ID, null, null)).status());
        assertEquals("schedule_id", refused(() -> jobs.list(KEY, null, null, "x", null, null)).errors().get(0).field());
        // A schedule's jobs are listed whole: a filter or a cursor with schedule_id would be ignored, so it is refused.
        assertEquals("status", refused(() -> jobs.list(KEY, "failed", null, ID, null, null)).errors().get(0).field());
        assertEquals("client_id", refused(() -> jobs.list(KEY, null, "acme", ID, null, null)).errors().get(0).field());
        assertEquals("cursor", refused(() -> jobs.list(KEY, null, null, ID, null, "abc")).errors().get(0).field());
    }

    /** The only settings the job resource reads at construction: its body limits. */
    private static IngressConfig limitsOnly() {
        ClassLoader loader = SchedulesResourceTest.class.getClassLoader();
        Object limits = Proxy.newProxyInstance(loader, new Class<?>[]{IngressConfig.Limits.class}, (proxy, method, args) -> 1000);
        return (IngressConfig) Proxy.newProxyInstance(loader, new Class<?>[]{IngressConfig.class},
                (proxy, method, args) -> method.getName().equals("limits") ? limits : null);
    }

    /** token-service-client's facade, answering what a test says: every client registered and connected unless told otherwise. */
    static final class FakeTokenService extends TokenService {
        final List<String> asked = new ArrayList<>();
        Supplier<Uni<Optional<TokenServiceApi.ClientConnection>>> answer;

        FakeTokenService() {
            super(null, TokenServiceFakes.config("ingress-service-key-0123456789"), new ServiceKeyStatus(new SimpleMeterRegistry()));
        }

        @Override
        public Uni<Optional<TokenServiceApi.ClientConnection>> clientConnection(String clientId) {
            asked.add(clientId);
            return answer != null ? answer.get() : Uni.createFrom().item(Optional.of(new TokenServiceApi.ClientConnection(clientId, true)));
        }
    }

    /** Answers one fixed schedule (or none), records what it was asked. */
    static final class FakeStore implements ScheduleStore {
        int calls;
        boolean exists = true;
        boolean badCursor;
        RuntimeException failure;
        NewSchedule created;
        SchedulePatch patch;
        String lastId;
        int limit;
        String cursor;
        Set<String> clients;
        boolean updated;
        boolean deleted;
        List<ScheduledRun> runs = new ArrayList<>();

        private Schedule schedule() {
            return new Schedule(ID, "acme-reviews", null, null, Duration.ofMinutes(15), Duration.ofDays(1), false, T, T, T, T,
                    0, 0, null, null);
        }

        private <T> Uni<T> answer(Supplier<T> value) {
            calls++;
            return failure != null ? Uni.createFrom().failure(failure) : Uni.createFrom().item(value);
        }

        @Override
        public Uni<Schedule> create(NewSchedule schedule) {
            created = schedule;
            return answer(this::schedule);
        }

        @Override
        public Uni<Schedule> get(String id) {
            lastId = id;
            return answer(() -> exists ? schedule() : null);
        }

        @Override
        public Uni<SchedulePage> list(int limit, String cursor, Set<String> clients) {
            this.limit = limit;
            this.cursor = cursor;
            this.clients = clients;
            if (badCursor) {
                return Uni.createFrom().failure(new IllegalArgumentException("not a cursor"));
            }
            return answer(() -> new SchedulePage(List.of(schedule()), null));
        }

        @Override
        public Uni<Schedule> update(String id, SchedulePatch patch) {
            this.patch = patch;
            updated = true;
            return answer(() -> exists ? patch.applyTo(schedule(), T) : null);
        }

        @Override
        public Uni<Boolean> delete(String id) {
            deleted = true;
            return answer(() -> exists);
        }

        @Override
        public Uni<List<ScheduledRun>> runs(String scheduleId, int limit) {
            this.limit = limit;
            return answer(() -> runs);
        }
    }
}
