package io.reviewfetcher.ingress.jobs;

import io.reviewfetcher.ingress.submission.IdRules;

import java.util.List;

/**
 * Which jobs a listing shows: those of one status, of one managed client, or both; null for either means any.
 * Checked when made ({@link InvalidJobQuery}, naming the parameter).
 *
 * @param status   queued, running, completed, completed_with_errors or failed; null for any
 * @param clientId a managed client's id; null for every job (those on access tokens too)
 */
public record JobFilter(String status, String clientId) {

    public static final List<String> STATUSES = List.of("queued", "running", "completed", "completed_with_errors", "failed");
    /** Every job. */
    public static final JobFilter ALL = new JobFilter(null, null);

    public JobFilter {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidJobQuery("status", "must be one of " + String.join(", ", STATUSES));
        }
        if (clientId != null && !IdRules.isClientId(clientId)) {
            throw new InvalidJobQuery("client_id", IdRules.CLIENT_ID_RULE);
        }
    }

    /** The query parameters' filter: an empty parameter counts as absent. */
    public static JobFilter parse(String status, String clientId) {
        return new JobFilter(absentIfEmpty(status), absentIfEmpty(clientId));
    }

    /** Whether the job is of the filter's status. Its client is the index's to say: a client's index holds its jobs only. */
    boolean hasStatus(JobStatus job) {
        return status == null || status.equals(job.status());
    }

    private static String absentIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
