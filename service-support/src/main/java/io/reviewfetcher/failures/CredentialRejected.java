package io.reviewfetcher.failures;

/**
 * token-service does not know, or no longer accepts, the credential (or the submitted access token):
 * permanent for this task. {@link #problem()} is token-service's problem type, e.g. {@code invalid-access-token}.
 * The message, which becomes the dead letter's and the job status's reason, says who must act where a person can.
 */
public class CredentialRejected extends TaskFailure {
    private final String problem;

    public CredentialRejected(int httpStatus, String problem) {
        super(reason(httpStatus, problem), false, httpStatus, null);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }

    private static String reason(int httpStatus, String problem) {
        if ("client-misconfigured".equals(problem)) {
            return "client misconfigured: Google refuses the OAuth client's id or secret; an operator must correct "
                    + "the client in token-service";
        }
        return "token-service rejected the credential (" + httpStatus + ")";
    }
}
