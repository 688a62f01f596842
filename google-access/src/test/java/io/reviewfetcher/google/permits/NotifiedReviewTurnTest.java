package io.reviewfetcher.google.permits;

import io.reviewfetcher.google.permits.PermitLineTest.Outcome;
import io.reviewfetcher.google.permits.PermitLineTest.ScriptedTokenService;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A review Google notified is a job of one call: it waits for no long walk of its client's, however many pages wait. */
class NotifiedReviewTurnTest {
    private final ScriptedTokenService tokens = new ScriptedTokenService();
    private final List<String> granted = new CopyOnWriteArrayList<>();
    private final PermitLine line = new PermitLine(1, tokens::ask);
    private int answered;

    private void waiter(String job, int urgency, String label) {
        new Outcome(line.permit(urgency, "client:acme", job, false).invoke(token -> granted.add(label)));
    }

    /** Grants the next asks one by one, each call ending at once: with a line of one place, the order of the line. */
    private void serve(int count) {
        for (int i = 0; i < count; i++) {
            tokens.waitingAsk(answered++).grant();
            line.release();
        }
    }

    @Test
    void aBurstOfNotifiedReviewsGoesAheadOfTheClientsLongWalk() {
        for (int page = 2; page <= 200; page++) {
            waiter("full-run", CallUrgency.reviewPage(10_000, page, 50), "walk");
        }
        serve(10);
        for (int i = 0; i < 5; i++) {
            waiter("notification-" + i, CallUrgency.notifiedReview(), "notified");
        }

        serve(6);

        List<String> afterTheBurst = granted.subList(10, granted.size());
        assertEquals("walk", afterTheBurst.get(0), "the page already asked for when the burst came");
        assertEquals(Collections.nCopies(5, "notified"), afterTheBurst.subList(1, 6));
    }
}
