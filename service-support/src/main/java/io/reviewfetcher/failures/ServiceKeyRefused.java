package io.reviewfetcher.failures;

/**
 * token-service refused this service's own key ({@code SERVICE_API_KEY}: wrong, or rotated out before this
 * pod got the new one). Nothing is wrong with the task: every task of every job would fail alike until an
 * operator fixes the key, so it is an outage, retried like {@link TokenServiceUnavailable} and never
 * dead-lettered as permanent (a permanent verdict sent whole jobs to fetch-dlq within a second).
 */
public class ServiceKeyRefused extends TaskFailure {
    public ServiceKeyRefused() {
        super("token-service refused this service's own API key (401)", true, 401, null);
    }
}
