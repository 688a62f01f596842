package io.reviewfetcher.failures;

/**
 * token-service refused this service's own {@code SERVICE_API_KEY} (wrong or rotated): an operator must fix
 * the key. Permanent for the task, as a rejected credential is.
 */
public class ServiceKeyRefused extends TaskFailure {
    public ServiceKeyRefused() {
        super("token-service refused this service's SERVICE_API_KEY (401)", false, 401, null);
    }
}
