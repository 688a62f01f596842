package io.reviewfetcher.ingress.jobs;

/**
 * Where a job came from, kept in the job's status beside its events, which do not carry it: the client of a
 * {@code client_id} job (null for a job on an access token), and for a scheduled run the schedule whose run it is and
 * the trigger ({@code schedule:full} or {@code schedule:incremental}; both null for a job a caller submitted).
 */
public record JobOrigin(String clientId, String scheduleId, String trigger) {

    /** A job a caller submitted for a managed client. */
    public static JobOrigin ofClient(String clientId) {
        return new JobOrigin(clientId, null, null);
    }

    /** A scheduled run of the schedule's client. */
    public static JobOrigin scheduled(String clientId, String scheduleId, String trigger) {
        return new JobOrigin(clientId, scheduleId, trigger);
    }

    public boolean isScheduledRun() {
        return scheduleId != null;
    }
}
