package io.reviewfetcher.stage;

import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task's claims are confirmed only once its results are durable, with the mark that it finished. */
class ConfirmedClaimsTest extends StageFixture {
    final JobClaims claims = new JobClaims(null, JobClaims.Kind.REVIEWS) {
        @Override
        public Uni<Void> confirm(String jobId, String owner) {
            timeline.add("confirmed " + owner);
            return Uni.createFrom().voidItem();
        }
    };
    final Fakes.Finished finished = new Fakes.Finished(timeline);
    final DeduplicatingStageRunner once = runner.deduplicating(claims.confirmedWhenFinished(finished));

    @Test
    void aSuccessConfirmsItsClaimsAfterPublishingAndBeforeTheMark() {
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(List.of("worked", "published FetchReviews", "published JobEvent", "confirmed " + TaskIds.of(PAGE),
                "marked finished", "ack"), timeline);
    }

    @Test
    void aFailureLeavesItsClaimsProvisional() {
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class,
                page -> failing(new GoogleApiException(503, "UNAVAILABLE", null, "later", null))).await().atMost(AWAIT);
        record.awaitSettled();

        assertTrue(timeline.stream().noneMatch(step -> step.startsWith("confirmed")), timeline.toString());
        assertTrue(record.acked);
    }
}
