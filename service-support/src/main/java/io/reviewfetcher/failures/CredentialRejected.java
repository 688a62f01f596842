package io.reviewfetcher.failures;

/**
 * token-service does not know, or no longer accepts, the credential (or the submitted access token):
 * permanent for this task. {@link #problem()} is token-service's problem type, e.g. {@code invalid-access-token}.
 */
public class CredentialRejected extends TaskFailure {
    private final String problem;

    public CredentialRejected(int httpStatus, String problem) {
        super("token-service rejected the credential (" + httpStatus + ")", false, httpStatus, null);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }
}
