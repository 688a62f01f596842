package io.reviewfetcher.ingress.push;

import io.reviewfetcher.ingress.submission.JobNotDurable;
import io.reviewfetcher.ingress.submission.SubmissionsFull;

import java.util.Locale;

/** What became of one push, the tag of {@code ingress_notifications_received_total{outcome}}. */
public enum PushOutcome {
    /** A job published for it (204). */
    ACCEPTED,
    /** Published before: a redelivery, answered 204 without publishing again. */
    DUPLICATE,
    /** No client has the account's notifications on (no route): 204, so that Pub/Sub does not redeliver it forever. */
    UNMANAGED_ACCOUNT,
    /** A notification type other than NEW_REVIEW and UPDATED_REVIEW: 204, nothing done. */
    IGNORED_TYPE,
    /** The token is not our push subscription's (401). */
    REJECTED_TOKEN,
    /** Not an envelope of a Google notification (400). */
    MALFORMED,
    /** Redis or the broker did not take it, the bound of jobs in flight was reached, or the endpoint is off (429/503): Pub/Sub redelivers. */
    UNAVAILABLE,
    /** Anything else (500). */
    FAILED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a push that ended in {@code failure}. */
    public static PushOutcome of(Throwable failure) {
        if (failure instanceof PushTokenRejected) {
            return REJECTED_TOKEN;
        }
        if (failure instanceof InvalidPush) {
            return MALFORMED;
        }
        if (failure instanceof PushUnavailable || failure instanceof JobNotDurable || failure instanceof SubmissionsFull) {
            return UNAVAILABLE;
        }
        return FAILED;
    }
}
