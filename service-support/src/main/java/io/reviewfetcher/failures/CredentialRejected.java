package io.reviewfetcher.failures;

/** token-service does not know, or no longer accepts, the job's credential: permanent for this task. */
public class CredentialRejected extends TaskFailure {
    public CredentialRejected(int httpStatus) {
        super("token-service rejected the credential (" + httpStatus + ")", false, httpStatus, null);
    }
}
