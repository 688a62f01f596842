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

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Dead letters for operators: list them (by job, reason, topic) and, once the cause is fixed, replay the
 * selected ones to their original topics as a first attempt, marked with the replay's time
 * ({@link StageEvent#replayedAt()}): the replay gets every retry again instead of inheriting the used-up
 * history of the run that was dead-lettered. Poison records cannot be replayed: they are listed with their
 * position so they can be inspected there. Admin key required.
 */
@Path("/api/v1/dlq")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DeadLetterResource {
    private static final int MAX_LIMIT = 1000;

    private final DeadLetterArchive archive;
    private final EventPublisher publisher;
    private final ApiKeys apiKeys;

    public DeadLetterResource(DeadLetterArchive archive, EventPublisher publisher, ApiKeys apiKeys) {
        this.archive = archive;
        this.publisher = publisher;
        this.apiKeys = apiKeys;
    }

    public record Listed(int partition, long offset, @JsonProperty("job_id") String jobId,
                         @JsonProperty("created_at") Instant createdAt, @JsonProperty("source_topic") String sourceTopic,
                         @JsonProperty("task_id") String taskId, String reason, List<Failure> failures, boolean replayable) {
        static Listed of(DeadLetterArchive.Stored stored) {
            DeadLetter letter = stored.letter();
            return new Listed(stored.partition(), stored.offset(), letter.jobId(), letter.createdAt(), letter.sourceTopic(),
                    letter.event() == null ? null : TaskIds.of(letter.event()), letter.reason(), letter.failures(),
                    letter.event() != null);
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
        return archive.find(matching(jobId, topic, reason), max).stream().map(Listed::of).toList();
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
        List<StageEvent> events = archive.find(matching(request.jobId(), request.sourceTopic(), request.reasonContains())
                        .and(letter -> letter.event() != null), Integer.MAX_VALUE).stream()
                .map(stored -> stored.letter().event().replayed(replayedAt)).toList();
        publisher.publishAll(events).await().indefinitely();
        Log.infof("replayed %d dead letters (job %s, topic %s, reason containing %s)", events.size(), request.jobId(),
                request.sourceTopic(), request.reasonContains());
        return new Replayed(events.size(), events.stream().map(TaskIds::of).toList());
    }

    private static Predicate<DeadLetter> matching(String jobId, String topic, String reasonContains) {
        return letter -> (jobId == null || jobId.equals(letter.jobId()))
                && (topic == null || topic.equals(letter.sourceTopic()))
                && (reasonContains == null || letter.reason().contains(reasonContains));
    }
}
