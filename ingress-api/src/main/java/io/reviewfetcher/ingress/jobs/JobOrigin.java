package io.reviewfetcher.ingress.jobs;

/**
 * Where a job came from, kept in the job's status beside its events, which do not carry it: the client of a
 * {@code client_id} job (null for a job on an access token), for a scheduled run the schedule whose run it is and
 * the trigger ({@code schedule:full} or {@code schedule:incremental}; both null for a job a caller submitted), and for a
 * review Google notified the trigger {@link #NOTIFICATION} (no schedule).
 */
public record JobOrigin(String clientId, String scheduleId, String trigger) {

    /** The trigger of a job that fetches one review Google's notification named. */
    public static final String NOTIFICATION = "notification";

    /** A job a caller submitted for a managed client. */
    public static JobOrigin ofClient(String clientId) {
        return new JobOrigin(clientId, null, null);
    }

    /** A scheduled run of the schedule's client. */
    public static JobOrigin scheduled(String clientId, String scheduleId, String trigger) {
        return new JobOrigin(clientId, scheduleId, trigger);
    }

    /** A review of the client's that Google notified (a Pub/Sub push). */
    public static JobOrigin notified(String clientId) {
        return new JobOrigin(clientId, null, NOTIFICATION);
    }

    public boolean isScheduledRun() {
        return scheduleId != null;
    }
}
