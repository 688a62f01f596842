package io.reviewfetcher.ingress.submission;

import io.reviewfetcher.events.FetchMode;

import java.util.List;

/** A checked submission: where its credential comes from, and what the job should cover. */
public record Submission(Credential credential, List<String> accountIds, List<String> locationIds, FetchMode mode) {

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
