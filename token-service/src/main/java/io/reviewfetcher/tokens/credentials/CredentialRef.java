package io.reviewfetcher.tokens.credentials;

import java.util.regex.Pattern;

/**
 * A credential reference as events carry it (common-events' Fields): {@code cred:<id>} for a token a job
 * submitter brought, kept in Redis; {@code client:<id>} for a client whose tokens token-service manages.
 */
public sealed interface CredentialRef {

    Pattern SUBMITTED = Pattern.compile("cred:[A-Za-z0-9_-]{16,64}");
    Pattern MANAGED = Pattern.compile("client:[A-Za-z0-9_-]{1,128}");

    /** The reference as text; safe to log and to use as a metric-free identifier. */
    String value();

    record Submitted(String value) implements CredentialRef {
    }

    record Managed(String value, String clientId) implements CredentialRef {
    }

    /** Null when the text is not a reference (the caller answers 400 without echoing it). */
    static CredentialRef parse(String text) {
        if (text == null) {
            return null;
        }
        if (SUBMITTED.matcher(text).matches()) {
            return new Submitted(text);
        }
        if (MANAGED.matcher(text).matches()) {
            return new Managed(text, text.substring("client:".length()));
        }
        return null;
    }
}
