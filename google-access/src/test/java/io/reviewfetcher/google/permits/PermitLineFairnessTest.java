package io.reviewfetcher.google.permits;

import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.google.permits.PermitLineTest.Ask;
import io.reviewfetcher.google.permits.PermitLineTest.Outcome;
import io.reviewfetcher.google.permits.PermitLineTest.ScriptedTokenService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line's fair share: equal between credentials, then between a credential's jobs; urgency only within a job. */
class PermitLineFairnessTest {
    private final ScriptedTokenService tokens = new ScriptedTokenService();
    /** The label of each waiter, in the order their permits were granted. */
    private final List<String> granted = new CopyOnWriteArrayList<>();
    /** Asks answered so far by {@link #serve}. */
    private int answered;
    private PermitLine line;

    private Outcome waiter(String credential, String job, int urgency, String label) {
        return new Outcome(line.permit(urgency, credential, job, false).invoke(token -> granted.add(label)));
    }

    private void waiters(int count, String credential, String job, int urgency, String label) {
        for (int i = 0; i < count; i++) {
            waiter(credential, job, urgency, label);
        }
    }

    /** Grants the next asks one by one, each call ending at once: with a line of one place, the order of the line. */
    private void serve(int count) {
        for (int i = 0; i < count; i++) {
            tokens.waitingAsk(answered++).grant();
            line.release();
        }
    }

    private List<String> grantedFrom(int from) {
        return granted.subList(from, granted.size());
    }

    @AfterEach
    void nothingIsLeftBehind() {
        if (line != null && line.waiting() == 0 && line.callsInFlight() == 0) {
            assertEquals(0, line.credentialsInLine(), "a credential without waiters or asks is dropped");
            assertEquals(0, line.jobsInLine(), "a job without waiters or asks is dropped");
        }
    }

    @Test
    void aSmallJobsCallIsNotStarvedByABigJobOfTheSameCredential() {
        aSmallJobsCallGoesNextOnceAPlaceIsFree("client:acme");
    }

    @Test
    void aSmallJobsCallIsNotStarvedByABigJobOfAnotherCredential() {
        aSmallJobsCallGoesNextOnceAPlaceIsFree("cred:other");
    }

    private void aSmallJobsCallGoesNextOnceAPlaceIsFree(String smallCredential) {
        line = new PermitLine(16, tokens::ask);
        // The big job's calls are all as urgent as can be, the small one's is not: urgency is no rank between jobs.
        waiters(1_000, "client:acme", "big", CallUrgency.DISCOVERY, "big");
        for (int i = 0; i < 16; i++) {
            tokens.waitingAsk(i).grant();
        }
        waiter(smallCredential, "small", 1, "small");
        assertEquals(16, tokens.asks.size(), "every place is taken");

        line.release();
        tokens.waitingAsk(16).grant();
        assertEquals("small", granted.get(granted.size() - 1));
        assertEquals(1_000 - 16, line.waiting(), "the big job's calls still wait");
    }

    @Test
    void twoCredentialsTakeTurnsOneForOne() {
        line = new PermitLine(1, tokens::ask);
        waiters(100, "cred:x", "job-x", 0, "x");
        waiters(100, "cred:y", "job-y", CallUrgency.DISCOVERY, "y");

        serve(20);

        for (int i = 0; i < 20; i++) {
            assertEquals(i % 2 == 0 ? "x" : "y", granted.get(i), "permit " + i + " of " + granted);
        }
    }

    @Test
    void aCredentialsShareIsSplitBetweenItsJobs() {
        line = new PermitLine(1, tokens::ask);
        waiters(100, "cred:p", "job-p1", 0, "p1");
        waiters(100, "cred:p", "job-p2", 0, "p2");
        waiters(100, "cred:q", "job-q", 0, "q");

        serve(40);

        Map<String, Long> shares = granted.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of("p1", 10L, "p2", 10L, "q", 20L), shares, "50 % to the credential of one job, 25 % to each of the other's");
    }

    @Test
    void withinAJobTheMostUrgentGoesFirstWhateverTheOtherJobs() {
        line = new PermitLine(1, tokens::ask);
        waiter("cred:other", "job-0", 0, "holder");
        tokens.waitingAsk(answered++).grant(); // takes the only place while the line fills
        waiter("client:acme", "job-a", 1, "a-1");
        waiter("client:acme", "job-a", 80, "a-80");
        waiter("client:acme", "job-b", 3, "b-3");
        waiter("client:acme", "job-a", CallUrgency.DISCOVERY, "a-first-page");
        waiter("client:acme", "job-b", 50, "b-50");
        waiter("client:acme", "job-a", 5, "a-5");
        line.release();

        serve(6);

        assertEquals(List.of("holder", "a-first-page", "b-50", "a-80", "b-3", "a-5", "a-1"), granted);
    }

    @Test
    void aWaiterAnsweredWithAWaitIsAskedFirstAfterThePauseAndItsJobIsChargedOnce() {
        aRefusedWaiterKeepsItsTurn("client:acme", "client:acme", 3);
    }

    @Test
    void aRefusedWaiterKeepsItsCredentialsTurnToo() {
        aRefusedWaiterKeepsItsTurn("client:acme", "cred:other", 3);
    }

    @Test
    void aRefusedWaiterWhoseJobHasNoOtherWaiterKeepsItsTurn() {
        aRefusedWaiterKeepsItsTurn("client:acme", "client:acme", 1);
    }

    private void aRefusedWaiterKeepsItsTurn(String credentialA, String credentialB, int callsOfA) {
        line = new PermitLine(1, tokens::ask);
        waiters(callsOfA, credentialA, "job-a", 0, "a");
        waiters(3, credentialB, "job-b", 0, "b");
        Ask refused = tokens.waitingAsk(answered++);
        refused.answer().fail(new QuotaWait(30));

        Ask afterPause = tokens.waitingAsk(answered);
        assertTrue(afterPause.atNanos() - refused.atNanos() >= Duration.ofMillis(30).toNanos(), "asked after the pause");
        serve(callsOfA + 3);

        List<String> expected = callsOfA == 1 ? List.of("a", "b", "b", "b") : List.of("a", "b", "a", "b", "a", "b");
        assertEquals(expected, granted, "the refused waiter first, then turns as if the wait had not been charged");
    }

    @Test
    void aJobIdleForLongGetsItsTurnsNotABurst() {
        line = new PermitLine(1, tokens::ask);
        waiters(2, "client:acme", "job-idle", 0, "idle");
        waiters(200, "client:acme", "job-running", 0, "running");
        serve(2 + 60); // the idle job's two calls, then the running job alone for a long time

        waiters(20, "client:acme", "job-idle", 0, "idle");
        serve(20);

        List<String> after = grantedFrom(2 + 60);
        assertEquals(10, after.stream().filter("idle"::equals).count(), "half the permits, not the 60 it missed: " + after);
        for (int i = 1; i < after.size(); i++) {
            assertFalse("idle".equals(after.get(i - 1)) && "idle".equals(after.get(i)), "never twice in a row: " + after);
        }
    }

    @Test
    void anIdleCredentialGetsItsTurnsNotABurst() {
        line = new PermitLine(1, tokens::ask);
        waiters(2, "cred:idle", "job-1", 0, "idle");
        waiters(200, "cred:busy", "job-2", 0, "busy");
        serve(2 + 60);

        waiters(20, "cred:idle", "job-3", 0, "idle");
        serve(20);

        assertEquals(10, grantedFrom(2 + 60).stream().filter("idle"::equals).count(), "half the permits: " + grantedFrom(62));
    }

    @Test
    void credentialsAndJobsAreDroppedOnceServedFailedOrGivenUp() {
        line = new PermitLine(2, tokens::ask);
        for (int job = 0; job < 50; job++) {
            waiters(3, "cred:" + (job % 5), "job-" + job, job, "job-" + job);
        }
        Outcome givenUp = waiter("cred:gone", "job-gone", 0, "gone");
        assertEquals(6, line.credentialsInLine());
        assertEquals(51, line.jobsInLine());

        givenUp.subscription.cancel();
        assertEquals(5, line.credentialsInLine());
        assertEquals(50, line.jobsInLine());
        tokens.waitingAsk(answered++).answer().fail(new TokenServiceUnavailable(503, "down"));
        tokens.waitingAsk(answered++).answer().fail(new QuotaWait(10));
        // The line now asks one at a time: serve the rest, each call ending at once.
        serve(150 - 2 + 1);

        assertEquals(0, line.waiting());
        assertEquals(0, line.callsInFlight());
        assertEquals(0, line.credentialsInLine());
        assertEquals(0, line.jobsInLine());
    }
}
