package io.reviewfetcher.accounts;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reviewfetcher.accounts.notifications.NotManagedClient;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.support.notifications.NotificationKeys;
import io.reviewfetcher.support.notifications.NotificationState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of a job that turns notifications on or off, worked against a Google the test scripts ({@link StubGoogle}: the
 * real REST clients, error mapping and permit gate) and the real Redis: each account's setting on Google, its state and
 * route in Redis, and what the page publishes. Keys are the test's own (random client and account ids), deleted after.
 */
@QuarkusTest
@TestProfile(StubGoogleProfile.class)
class NotificationSettingsTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AccountStage stage;

    @Inject
    RedisDataSource redis;

    private final StubGoogle google = StubGoogle.get();
    private final String clientId = "notify-test-" + random();
    private final String a1 = "9" + random();
    private final String a2 = "8" + random();
    private final List<String> keys = new ArrayList<>();

    private static String random() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @BeforeEach
    void freshGoogle() {
        google.reset();
        keys.addAll(List.of(NotificationKeys.client(clientId), NotificationKeys.route(a1), NotificationKeys.route(a2)));
    }

    @AfterEach
    void deleteTheTestsKeys() {
        keys.forEach(key -> redis.key(String.class).del(key));
    }

    private FetchAccounts job(String credential, List<String> accountIds, boolean on) {
        return FetchAccounts.notifications(UUID.randomUUID().toString(), Instant.now(), credential, accountIds, on);
    }

    private List<Event> work(FetchAccounts page) {
        List<Event> produced = stage.fanOut(page).await().atMost(AWAIT);
        produced.forEach(event -> assertEquals(event, EventCodec.decode(EventCodec.encode(event)), "every event is valid on the wire"));
        return produced;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static JobEvent done(List<Event> events) {
        List<JobEvent> done = only(events, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DONE).toList();
        assertEquals(1, done.size(), events.toString());
        return done.get(0);
    }

    private NotificationState state(String client, String accountId) {
        String json = redis.hash(String.class).hget(NotificationKeys.client(client), accountId);
        return json == null ? null : NotificationState.fromJson(json);
    }

    private String route(String accountId) {
        return redis.value(String.class).get(NotificationKeys.route(accountId));
    }

    @Test
    void turningOnSetsEachAccountOfThePageToOurTopicAndRoutesItsPushesToTheClient() {
        google.accountsPage(null, "p2", a1, a2);

        List<Event> produced = work(job("client:" + clientId, null, true));

        // The page's accounts are set side by side (each waits for its permit in the pod's line): in any order.
        assertEquals(Set.of(a1, a2), google.patches().stream().map(StubGoogle.Patch::accountId).collect(Collectors.toSet()));
        assertEquals(2, google.patches().size(), "each account set once");
        for (StubGoogle.Patch patch : google.patches()) {
            assertEquals("pubsubTopic,notificationTypes", patch.updateMask());
            assertEquals("Bearer stub-access-token", patch.authorization());
            assertEquals("{\"name\":\"accounts/" + patch.accountId() + "/notificationSetting\",\"pubsubTopic\":\""
                    + StubGoogleProfile.TOPIC + "\",\"notificationTypes\":[\"NEW_REVIEW\",\"UPDATED_REVIEW\"]}", patch.body());
        }
        assertEquals(3, google.permitsAsked().size(), "one permit for the page, one per account");
        for (String account : List.of(a1, a2)) {
            assertEquals(clientId, route(account));
            NotificationState on = state(clientId, account);
            assertEquals(NotificationState.State.ON, on.state());
            assertEquals(StubGoogleProfile.TOPIC, on.pubsubTopic());
            assertEquals(List.of("NEW_REVIEW", "UPDATED_REVIEW"), on.notificationTypes());
            assertNull(on.reason());
        }

        assertEquals(List.of(), only(produced, FetchLocations.class), "no fetch of locations: this job fetches nothing");
        FetchAccounts next = only(produced, FetchAccounts.class).get(0);
        assertEquals("p2", next.pageToken());
        assertEquals(Boolean.TRUE, next.notifications(), "the next page sets notifications too");
        assertEquals(List.of("accounts:p2"), done(produced).spawnedTaskIds());
        assertEquals(2, done(produced).accounts(), "the job counts the accounts it set");
        assertEquals(List.of(), only(produced, DeadLetter.class));
    }

    @Test
    void turningOffClearsTheSettingAndTheRoute() {
        google.accountsPage(null, null, a1);
        redis.value(String.class).set(NotificationKeys.route(a1), clientId);

        List<Event> produced = work(job("client:" + clientId, null, false));

        StubGoogle.Patch patch = google.patches().get(0);
        assertEquals("pubsubTopic,notificationTypes", patch.updateMask());
        assertEquals("{\"name\":\"accounts/" + a1 + "/notificationSetting\",\"pubsubTopic\":\"\",\"notificationTypes\":[]}", patch.body());
        assertNull(route(a1), "a push for the account is not ours any more");
        NotificationState off = state(clientId, a1);
        assertEquals(NotificationState.State.OFF, off.state());
        assertNull(off.pubsubTopic());
        assertEquals(List.of(), only(produced, FetchAccounts.class), "the last page");
        assertEquals(List.of(), done(produced).spawnedTaskIds());
        assertEquals(1, done(produced).accounts());
    }

    @Test
    void anAccountGoogleRefusesFailsAloneWithItsReasonAndMarksTheJob() {
        google.accountsPage(null, null, a1, a2);
        google.refuseSetting(a2, 403, "PERMISSION_DENIED", "The caller does not have permission");

        FetchAccounts page = job("client:" + clientId, null, true);
        List<Event> produced = work(page);

        assertEquals(NotificationState.State.ON, state(clientId, a1).state());
        NotificationState failed = state(clientId, a2);
        assertEquals(NotificationState.State.FAILED, failed.state());
        assertEquals("Google refused the notification setting: 403 PERMISSION_DENIED: The caller does not have permission",
                failed.reason());
        assertFalse(failed.reason().contains("stub-access-token"), "no token in a reason");
        assertNull(route(a2), "Google's setting is what it was: no route to this client");

        JobEvent refused = only(produced, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DEAD_LETTERED)
                .findFirst().orElseThrow();
        assertEquals("notifications:" + a2, refused.taskId());
        assertEquals(failed.reason(), refused.reason());
        DeadLetter letter = only(produced, DeadLetter.class).get(0);
        assertEquals(List.of(a2), ((FetchAccounts) letter.event()).accountIds(), "a replay sets that account alone");
        assertEquals(Boolean.TRUE, ((FetchAccounts) letter.event()).notifications());
        assertEquals(403, letter.failures().get(0).httpStatus());
        assertFalse(letter.failures().get(0).retryable());
        assertEquals(2, done(produced).accounts(), "the page itself is done");
        assertEquals(List.of(), done(produced).spawnedTaskIds(), "the refused account holds nothing open");
    }

    @Test
    void aJobNarrowedToAccountsSetsThoseAlone() {
        google.accountsPage(null, null, a1, a2);

        List<Event> produced = work(job("client:" + clientId, List.of(a2), true));

        assertEquals(List.of(a2), google.patches().stream().map(StubGoogle.Patch::accountId).toList());
        assertNull(state(clientId, a1));
        assertNull(route(a1));
        assertEquals(clientId, route(a2));
        assertEquals(1, done(produced).accounts());
    }

    @Test
    void aTransientAnswerFailsThePageForItsRetryAfterTheOtherAccountsAreRecorded() {
        google.accountsPage(null, null, a1, a2);
        google.refuseSetting(a1, 503, "UNAVAILABLE", "Try again later");

        Throwable failure = assertThrows(Throwable.class, () -> stage.fanOut(job("client:" + clientId, null, true)).await().atMost(AWAIT));

        GoogleApiException google503 = Failures.find(failure, GoogleApiException.class);
        assertEquals(503, google503.httpStatus());
        assertTrue(Failures.classify(0, failure).retryable(), "the page goes to fetch-retry");
        assertNull(state(clientId, a1), "no state for an account Google did not answer");
        assertEquals(NotificationState.State.ON, state(clientId, a2).state(), "what Google set is recorded at once");
        assertEquals(clientId, route(a2));
    }

    @Test
    void anAccountTakenOverFromAnotherClientIsOffForThatClient() {
        String otherClient = "notify-test-" + random();
        keys.add(NotificationKeys.client(otherClient));
        google.accountsPage(null, null, a1);
        redis.value(String.class).set(NotificationKeys.route(a1), otherClient);

        work(job("client:" + clientId, null, true));

        assertEquals(clientId, route(a1));
        NotificationState other = state(otherClient, a1);
        assertEquals(NotificationState.State.OFF, other.state());
        assertTrue(other.reason().startsWith("notifications of this account now go to another client"), other.reason());
        assertFalse(other.reason().contains(clientId), "one client is not told another's id");
    }

    @Test
    void aSubmittersOwnTokenCannotHaveNotificationsAndSpendsNoPermit() {
        Throwable failure = assertThrows(Throwable.class,
                () -> stage.fanOut(job("cred:0123456789abcdef0123", null, true)).await().atMost(AWAIT));

        assertTrue(failure instanceof NotManagedClient, failure.toString());
        assertFalse(Failures.classify(0, failure).retryable(), "dead-lettered at once");
        assertEquals(List.of(), google.permitsAsked());
    }

    @Test
    void aFetchJobStillFansOutToLocations() {
        google.accountsPage(null, null, a1);

        List<Event> produced = work(new FetchAccounts(UUID.randomUUID().toString(), Instant.now(), "client:" + clientId, null, null,
                FetchMode.FULL, 0));

        assertEquals(List.of(a1), only(produced, FetchLocations.class).stream().map(FetchLocations::accountId).toList());
        assertEquals(List.of(), google.patches());
        assertNull(state(clientId, a1));
    }
}
