package io.reviewfetcher.ingress.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.events.TaskIds;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The answer of {@code GET /api/v1/review-fetch/{job_id}} (and each job of a {@link JobsPage}), derived from a {@link JobSnapshot}. The status
 * is the snapshot's: the completion rule lives in Redis ({@code job-status/job-status.lua}), not here. This
 * class only counts: a task is finished when it is done or dead-lettered (a dead-lettered task later
 * replayed and done counts as done), and {@code finished_at} is the latest event's time once the status is final.
 * A job with incomplete locations, or narrowed to a location no listing page listed, is never {@code completed}:
 * that too is the rule's in Redis.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "JobStatus")
public record JobStatus(
        @JsonProperty("job_id") String jobId,
        @Schema(enumeration = {"queued", "running", "completed", "completed_with_errors", "failed"}) String status,
        @Schema(description = "the managed client of a client_id job (a scheduled run's too); null for a job on an access "
                + "token, and for a job submitted before ingress-api kept it", nullable = true)
        @JsonProperty("client_id") String clientId,
        @Schema(description = "the schedule whose run this job is (see /api/v1/schedules); null for a job a caller submitted",
                nullable = true)
        @JsonProperty("schedule_id") String scheduleId,
        @Schema(description = "what started the job: schedule:full or schedule:incremental for a scheduled run, notification "
                + "for one review Google notified (its one task review-change:<review id>); null for a job a caller submitted",
                enumeration = {"schedule:full", "schedule:incremental", "notification"}, nullable = true)
        String trigger,
        @JsonProperty("submitted_at") Instant submittedAt,
        @Schema(description = "first progress reported by a worker") @JsonProperty("started_at") Instant startedAt,
        @Schema(description = "latest progress reported") @JsonProperty("updated_at") Instant updatedAt,
        @Schema(description = "when the job reached its final status") @JsonProperty("finished_at") Instant finishedAt,
        Counts counts,
        @Schema(description = "why work was dead-lettered: each distinct reason once, with how many tasks it stopped, "
                + "most first (at most " + JobStatus.MAX_REASONS_LISTED + ")")
        @JsonProperty("dead_letter_reasons") List<ReasonCount> deadLetterReasons,
        @Schema(description = "dead-lettered work items and why (at most " + JobStatus.MAX_DEAD_LETTERS_LISTED + ")")
        @JsonProperty("dead_letters") List<DeadLetter> deadLetters,
        @Schema(description = "locations whose review walk ended with fewer reviews than Google counts for them, after the "
                + "recovery walks: reviews knowingly missing, so the job is completed_with_errors at best; by location id, "
                + "the latest report of each (at most " + JobStatus.MAX_INCOMPLETE_LISTED + "; counts.locations_incomplete has them all)")
        @JsonProperty("incomplete_locations") List<IncompleteLocation> incompleteLocations,
        @Schema(description = "of the location_ids the job was narrowed to, those no listing page of its accounts listed "
                + "(deleted or moved on Google, or a typo; also one on a page of accounts or locations that was dead-lettered): "
                + "nothing was fetched for them, so the job is completed_with_errors at best. Empty until the job is final, "
                + "as a later page may still list them; by location id (at most " + JobStatus.MAX_LOCATIONS_NOT_LISTED
                + "; counts.locations_not_listed has them all)")
        @JsonProperty("locations_not_listed") List<String> locationsNotListed) {

    public static final int MAX_DEAD_LETTERS_LISTED = 100;
    public static final int MAX_REASONS_LISTED = 20;
    public static final int MAX_INCOMPLETE_LISTED = 100;
    public static final int MAX_LOCATIONS_NOT_LISTED = 100;

    @RegisterForReflection
    public record Counts(
            long accounts,
            long locations,
            @Schema(description = "locations whose every review page is finished, and those batch tasks of an incremental run finished")
            @JsonProperty("locations_done") long locationsDone,
            @Schema(description = "locations left incomplete (see incomplete_locations)")
            @JsonProperty("locations_incomplete") long locationsIncomplete,
            @Schema(description = "requested locations no listing page listed, once the job is final (see locations_not_listed)")
            @JsonProperty("locations_not_listed") long locationsNotListed,
            @JsonProperty("reviews_delivered") long reviewsDelivered,
            @Schema(description = "of the reviews delivered, those never delivered before (or delivered, then deleted)")
            @JsonProperty("reviews_new") long reviewsNew,
            @Schema(description = "of the reviews delivered, those edited since they were last delivered")
            @JsonProperty("reviews_updated") long reviewsUpdated,
            @Schema(description = "of the reviews delivered, those delivered before as they are (full runs only)")
            @JsonProperty("reviews_unchanged") long reviewsUnchanged,
            @Schema(description = "reviews found deleted on Google by a walk verified complete; each announced on reviews-raw by a review_deleted record")
            @JsonProperty("reviews_deleted") long reviewsDeleted,
            @JsonProperty("duplicates_skipped") long duplicatesSkipped,
            @Schema(description = "retries scheduled (each task and attempt once)") long retries,
            @Schema(description = "retried tasks not finished yet") @JsonProperty("retries_in_flight") long retriesInFlight,
            @JsonProperty("dead_lettered") long deadLettered,
            @Schema(description = "work items spawned so far (pages of accounts, of locations and of reviews)") @JsonProperty("tasks_total") long tasksTotal,
            @Schema(description = "of which done or dead-lettered") @JsonProperty("tasks_finished") long tasksFinished) {
    }

    /** A location whose reviews the job knowingly did not all get. */
    @RegisterForReflection
    public record IncompleteLocation(@JsonProperty("location_id") String locationId,
                                     @Schema(description = "reviews Google counts for the location (totalReviewCount)") int expected,
                                     @Schema(description = "distinct reviews of the location the job delivered") int delivered) {
    }

    @RegisterForReflection
    public record DeadLetter(@JsonProperty("task_id") String taskId, String reason) {
    }

    /**
     * One reason and the tasks it stopped. A failure of the job's credential (its access token expired, the
     * client is misconfigured) stops every task still to do with the same words: one line here, not one per page.
     */
    @RegisterForReflection
    public record ReasonCount(String reason, long tasks) {
    }

    /** The status of a job whose origin was not kept (a job on an access token). */
    public static JobStatus from(String jobId, JobSnapshot snapshot) {
        return from(jobId, snapshot, null);
    }

    /** @param origin the job's client, and a scheduled run's schedule and trigger; null when none was kept */
    public static JobStatus from(String jobId, JobSnapshot snapshot, JobOrigin origin) {
        Map<String, String> dead = new HashMap<>(snapshot.deadReasons());
        dead.keySet().removeAll(snapshot.done());
        Set<String> finished = new HashSet<>(snapshot.done());
        finished.addAll(dead.keySet());

        // The root task counts from the start, before the submitted event that spawns it is known: accounts until that
        // event names another (a review Google notified), as the completion rule in Redis takes it.
        Set<String> tasks = new HashSet<>(snapshot.spawned());
        tasks.add(snapshot.meta().getOrDefault("root", TaskIds.ACCOUNTS));
        long tasksFinished = tasks.stream().filter(finished::contains).count();

        Instant submitted = instant(snapshot.meta().get("submitted_at"));
        Instant started = instant(snapshot.meta().get("started_at"));
        Instant updated = instant(snapshot.meta().get("updated_at"));
        String status = snapshot.status();
        boolean terminal = isFinal(status);

        Set<String> retried = new HashSet<>();
        for (String retry : snapshot.retries()) {
            int hash = retry.lastIndexOf('#');
            retried.add(hash < 0 ? retry : retry.substring(0, hash));
        }
        retried.removeAll(finished);

        List<DeadLetter> deadLetters = new ArrayList<>();
        dead.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(MAX_DEAD_LETTERS_LISTED)
                .forEach(e -> deadLetters.add(new DeadLetter(e.getKey(), e.getValue().isEmpty() ? null : e.getValue())));
        deadLetters.sort(Comparator.comparing(DeadLetter::taskId));

        // Until the job is final, a later page of locations may still list them.
        Set<String> notListed = terminal ? snapshot.notListed() : Set.of();
        JobSnapshot.ReviewChanges changes = snapshot.changes();
        Counts counts = new Counts(snapshot.accounts(), snapshot.locations(),
                locationsDone(snapshot.spawned(), finished) + snapshot.batchLocationsDone(), snapshot.incomplete().size(),
                notListed.size(), snapshot.reviewsDelivered(), changes.reviewsNew(), changes.reviewsUpdated(),
                changes.reviewsUnchanged(), changes.reviewsDeleted(), snapshot.duplicatesSkipped(), snapshot.retries().size(),
                retried.size(), dead.size(), tasks.size(), tasksFinished);
        return new JobStatus(jobId, status, origin == null ? null : origin.clientId(), origin == null ? null : origin.scheduleId(),
                origin == null ? null : origin.trigger(),
                submitted, started, updated, terminal ? updated : null, counts, reasons(dead), deadLetters, incompleteLocations(snapshot.incomplete()),
                notListed.stream().sorted().limit(MAX_LOCATIONS_NOT_LISTED).toList());
    }

    /** The first of them by location id: a stable list however many there are. */
    private static List<IncompleteLocation> incompleteLocations(Map<String, JobSnapshot.Shortfall> incomplete) {
        return incomplete.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(MAX_INCOMPLETE_LISTED)
                .map(e -> new IncompleteLocation(e.getKey(), e.getValue().expected(), e.getValue().delivered()))
                .toList();
    }

    /** Each distinct reason of the tasks still dead-lettered, with how many, most first; an empty reason is null. */
    private static List<ReasonCount> reasons(Map<String, String> dead) {
        Map<String, Long> tasksByReason = dead.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return tasksByReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_REASONS_LISTED)
                .map(e -> new ReasonCount(e.getKey().isEmpty() ? null : e.getKey(), e.getValue()))
                .toList();
    }

    /** completed, completed_with_errors and failed: nothing changes them but a replay of dead-lettered work. */
    public static boolean isFinal(String status) {
        return status.equals("completed") || status.equals("completed_with_errors") || status.equals("failed");
    }

    /**
     * Locations whose every spawned review page is finished. Page n+1 is spawned only by page n's done
     * event, so "all spawned pages finished" means the last page was reached (or the location dead-lettered).
     * A batch task ({@code reviews-batch:…}) is not a location's page: it reports its locations itself.
     */
    private static long locationsDone(Set<String> spawned, Set<String> finished) {
        Map<String, Boolean> locations = new HashMap<>();
        for (String task : spawned) {
            if (!task.startsWith("reviews:")) {
                continue;
            }
            // reviews:<location>:<page>, with :r<n> for a restarted walk and :v<k> for a recovery walk
            int end = task.indexOf(':', "reviews:".length());
            if (end <= "reviews:".length()) {
                continue;
            }
            String location = task.substring("reviews:".length(), end);
            locations.merge(location, finished.contains(task), Boolean::logicalAnd);
        }
        return locations.values().stream().filter(Boolean::booleanValue).count();
    }

    private static Instant instant(String epochMillis) {
        if (epochMillis == null) {
            return null;
        }
        return Instant.ofEpochMilli((long) Double.parseDouble(epochMillis));
    }
}
