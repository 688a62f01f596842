package io.reviewfetcher.ingress.submission;

import io.reviewfetcher.events.FetchMode;

import java.util.List;

/**
 * A checked submission: where its credential comes from, and what the job should cover.
 *
 * @param notifications null for a job that fetches reviews; true for one that turns Google's review notifications on
 *                      for the client's accounts, false for one that turns them off: only a managed client's, whose
 *                      pushes can be routed to it ({@link InvalidSubmission} otherwise)
 */
public record Submission(Credential credential, List<String> accountIds, List<String> locationIds, FetchMode mode,
                         Boolean notifications) {

    /** Why notifications need a managed client, as a field error of client_id. */
    public static final String NOTIFIED_CLIENT_RULE = "must name a managed client for notifications: Google's pushes for a "
            + "submitted access token could not be routed to anyone";

    public Submission {
        if (notifications != null && !(credential instanceof ManagedClient)) {
            throw InvalidSubmission.invalidField("client_id", NOTIFIED_CLIENT_RULE);
        }
    }

    /** A job that fetches reviews. */
    public Submission(Credential credential, List<String> accountIds, List<String> locationIds, FetchMode mode) {
        this(credential, accountIds, locationIds, mode, null);
    }

    /** A job that turns the client's review notifications on ({@code on}) or off, for the named accounts (null: all). */
    public static Submission notifications(ManagedClient client, List<String> accountIds, boolean on) {
        return new Submission(client, accountIds, null, FetchMode.INCREMENTAL, on);
    }

    /** Whether the job sets notifications instead of fetching reviews. */
    public boolean setsNotifications() {
        return notifications != null;
    }

    /** The Google credential of a job, as the submitter gave it. */
    public sealed interface Credential {
    }

    /** The submitter's own access token, to be exchanged at token-service for a reference. */
    public record AccessToken(String token) implements Credential {
        @Override
        public String toString() {
            return "AccessToken[redacted]";
        }
    }

    /** A client whose tokens token-service manages; the job's reference is {@code client:<id>}. */
    public record ManagedClient(String clientId) implements Credential {
        public String reference() {
            return "client:" + clientId;
        }
    }
}
