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
        if (problem == null) {
            return generic(httpStatus);
        }
        return switch (problem) {
            // The same words for every task the expiry stops, so a job's status can show them once.
            case "credential-expired" -> "access token expired: resubmit with a fresh token or use a managed client";
            case "client-misconfigured" -> "client misconfigured: Google refuses the OAuth client's id or secret; an operator "
                    + "must correct the client in token-service";
            default -> generic(httpStatus);
        };
    }

    private static String generic(int httpStatus) {
        return "token-service rejected the credential (" + httpStatus + ")";
    }
}
