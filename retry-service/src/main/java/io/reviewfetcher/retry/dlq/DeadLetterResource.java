package io.reviewfetcher.retry.dlq;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.stage.EventPublisher;
import io.reviewfetcher.support.apikeys.ApiKeyRole;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Dead letters for operators: list them (by job, reason, topic) and, once the cause is fixed, replay the
 * selected ones to their original topics as a first attempt, marked with the replay's time
 * ({@link StageEvent#replayedAt()}): the replay gets every retry again instead of inheriting the used-up
 * history of the run that was dead-lettered. Poison records cannot be replayed: they are listed with their
 * position so they can be inspected there. Admin key required.
 * <p>
 * The list answers the newest letters first (by {@code created_at}; at equal times the higher partition, then
 * the higher offset), for every caller: an operator looks for what went wrong lately, and with the oldest first
 * a topic holding more than {@code limit} letters hid every new one. Without a filter only each partition's
 * last {@code limit} records are read; with one the whole topic is, so every matching letter can be found.
 * Each letter says when it was last replayed ({@code replayed_at}, null if never): the topic keeps a replayed
 * letter, which would otherwise look like one still waiting. The marks are in Redis ({@link ReplayMarks}); with
 * Redis away the list still answers, {@code replayed_at} null, and a replay still replays, unmarked.
 */
@Path("/api/v1/dlq")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeadLetterResource {
    private static final int MAX_LIMIT = 1000;
    /** The most a list or a replay waits for the marks: Redis away must not hold an operator's answer long. */
    private static final Duration MARKS_WAIT = Duration.ofSeconds(5);

    private final DeadLetterArchive archive;
    private final EventPublisher publisher;
    private final ApiKeys apiKeys;
    private final ReplayMarks marks;

    public DeadLetterResource(DeadLetterArchive archive, EventPublisher publisher, ApiKeys apiKeys, ReplayMarks marks) {
        this.archive = archive;
        this.publisher = publisher;
        this.apiKeys = apiKeys;
        this.marks = marks;
    }

    /** @param replayedAt when the letter was last replayed, null if never (or unknown: Redis away) */
    public record Listed(int partition, long offset, @JsonProperty("job_id") String jobId,
                         @JsonProperty("created_at") Instant createdAt, @JsonProperty("source_topic") String sourceTopic,
                         @JsonProperty("task_id") String taskId, String reason, List<Failure> failures, boolean replayable,
                         @JsonProperty("replayed_at") Instant replayedAt) {
        static Listed of(DeadLetterArchive.Stored stored, Instant replayedAt) {
            DeadLetter letter = stored.letter();
            return new Listed(stored.partition(), stored.offset(), letter.jobId(), letter.createdAt(), letter.sourceTopic(),
                    letter.event() == null ? null : TaskIds.of(letter.event()), letter.reason(), letter.failures(),
                    letter.event() != null, replayedAt);
        }
    }

    /** What to replay: every filter given must match; at least one is required, so a replay is never "everything" by accident. */
    public record ReplayRequest(@JsonProperty("job_id") String jobId, @JsonProperty("source_topic") String sourceTopic,
                                @JsonProperty("reason_contains") String reasonContains) {
    }

    public record Replayed(int replayed, List<String> tasks) {
    }

    @GET
    public List<Listed> list(@HeaderParam(ApiKeys.HEADER) String key, @QueryParam("job_id") String jobId,
                             @QueryParam("reason") String reason, @QueryParam("topic") String topic,
                             @QueryParam("limit") Integer limit) {
        apiKeys.require(ApiKeyRole.ADMIN, key);
        int max = limit == null ? 100 : Math.max(1, Math.min(MAX_LIMIT, limit));
        List<DeadLetterArchive.Stored> letters = jobId == null && reason == null && topic == null
                ? archive.newest(max)
                : archive.newest(matching(jobId, topic, reason), max);
        List<Instant> replayed = replayedAt(letters);
        return IntStream.range(0, letters.size()).mapToObj(i -> Listed.of(letters.get(i), replayed.get(i))).toList();
    }

    @POST
    @Path("/replay")
    public Replayed replay(@HeaderParam(ApiKeys.HEADER) String key, ReplayRequest request) {
        apiKeys.require(ApiKeyRole.ADMIN, key);
        if (request == null || (request.jobId() == null && request.sourceTopic() == null && request.reasonContains() == null)) {
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request",
                    "name at least one of job_id, source_topic, reason_contains"));
        }
        // One time for the whole replay: it names the replay's generation, whose retries are counted afresh.
        Instant replayedAt = Instant.now();
        List<DeadLetterArchive.Stored> letters = archive.all(matching(request.jobId(), request.sourceTopic(), request.reasonContains())
                .and(letter -> letter.event() != null));
        List<StageEvent> events = letters.stream().map(stored -> stored.letter().event().replayed(replayedAt)).toList();
        publisher.publishAll(events).await().indefinitely();
        // Only now: a letter marked but not published would look handled while it still waits.
        mark(letters, replayedAt);
        Log.infof("replayed %d dead letters (job %s, topic %s, reason containing %s)", events.size(), request.jobId(),
                request.sourceTopic(), request.reasonContains());
        return new Replayed(events.size(), events.stream().map(TaskIds::of).toList());
    }

    /** The marks of {@code letters}, or none when Redis does not answer: the list matters more than the marks. */
    private List<Instant> replayedAt(List<DeadLetterArchive.Stored> letters) {
        return marks.replayedAt(letters).ifNoItem().after(MARKS_WAIT).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("dead letters listed without their replay marks (Redis: %s)", e.toString());
                    return Collections.nCopies(letters.size(), null);
                })
                .await().indefinitely();
    }

    /** Marks what was replayed; without Redis the replay stands unmarked (its letters look unreplayed), with a warning. */
    private void mark(List<DeadLetterArchive.Stored> letters, Instant replayedAt) {
        marks.mark(letters, replayedAt).ifNoItem().after(MARKS_WAIT).fail()
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("%d replayed dead letters left unmarked (Redis: %s)", letters.size(), e.toString());
                    return null;
                })
                .await().indefinitely();
    }

    private static Predicate<DeadLetter> matching(String jobId, String topic, String reasonContains) {
        return letter -> (jobId == null || jobId.equals(letter.jobId()))
                && (topic == null || topic.equals(letter.sourceTopic()))
                && (reasonContains == null || letter.reason().contains(reasonContains));
    }
}
