package io.reviewfetcher.ingress.push;

import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.ReviewNotification;
import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.reviewfetcher.ingress.submission.JobNotDurable;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What becomes of a push whose token was verified: ignored, a duplicate, not ours, or a job of the account's client,
 * remembered once published; Redis failing is a 503 (PushUnavailable), the broker's refusal passes through. Over fakes.
 */
class ReviewNotificationsTest {

    private static final String SUBSCRIPTION = "projects/rf/subscriptions/reviews";
    private static final Instant PUBLISHED = Instant.parse("2026-03-01T10:15:30Z");

    private final FakeMarkers markers = new FakeMarkers();
    private final FakeRoutes routes = new FakeRoutes();
    private final FakeJobs jobs = new FakeJobs();
    private final ReviewNotifications notifications = new ReviewNotifications(markers, routes, jobs);

    private static PushEnvelope push(String messageId, ReviewNotification notification) {
        return new PushEnvelope(messageId, SUBSCRIPTION, PUBLISHED, notification.name(),
                new PushEnvelope.NotifiedReview(notification, "111", "222", "R1"));
    }

    private PushOutcome take(PushEnvelope push) {
        return notifications.take(push).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aReviewOfAManagedAccountBecomesTheClientsJobAndIsRemembered() {
        routes.clients.put("111", "acme");
        assertEquals(PushOutcome.ACCEPTED, take(push("m1", ReviewNotification.UPDATED_REVIEW)));

        String jobId = PushJobIds.of(SUBSCRIPTION, "m1");
        assertEquals(1, jobs.started.size());
        FetchReviewChange change = jobs.started.get(0);
        assertEquals(jobId, change.jobId());
        assertEquals("client:acme", change.credential());
        assertEquals(List.of("111", "222", "R1"), List.of(change.accountId(), change.locationId(), change.reviewId()));
        assertEquals(ReviewNotification.UPDATED_REVIEW, change.notification());
        assertEquals("m1", change.messageId());
        assertEquals(PUBLISHED, change.publishedAt());
        assertEquals(JobOrigin.notified("acme"), jobs.origins.get(0));
        assertEquals(Set.of(jobId), markers.published, "remembered after the job is durable");
    }

    @Test
    void aMessagePublishedBeforeIsADuplicateAndNotPublishedAgain() {
        routes.clients.put("111", "acme");
        markers.published.add(PushJobIds.of(SUBSCRIPTION, "m2"));
        assertEquals(PushOutcome.DUPLICATE, take(push("m2", ReviewNotification.NEW_REVIEW)));
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void anAccountNoClientHasNotificationsOnIsNotOurs() {
        assertEquals(PushOutcome.UNMANAGED_ACCOUNT, take(push("m3", ReviewNotification.NEW_REVIEW)));
        routes.clients.put("111", "not a client id");
        assertEquals(PushOutcome.UNMANAGED_ACCOUNT, take(push("m3", ReviewNotification.NEW_REVIEW)));
        assertEquals(List.of(), jobs.started);
        assertEquals(Set.of(), markers.published);
    }

    @Test
    void anotherTypeIsIgnoredWithoutAskingRedis() {
        markers.failing = true;
        assertEquals(PushOutcome.IGNORED_TYPE, take(new PushEnvelope("m4", SUBSCRIPTION, PUBLISHED, "GOOGLE_UPDATE", null)));
    }

    @Test
    void redisFailingIsUnavailable() {
        markers.failing = true;
        assertThrows(PushUnavailable.class, () -> take(push("m5", ReviewNotification.NEW_REVIEW)));
        markers.failing = false;
        routes.failing = true;
        assertThrows(PushUnavailable.class, () -> take(push("m5", ReviewNotification.NEW_REVIEW)));
        assertEquals(List.of(), jobs.started);
    }

    @Test
    void aJobNotDurableIsNotRememberedSoTheRedeliveryPublishesIt() {
        routes.clients.put("111", "acme");
        jobs.failure = new JobNotDurable(Duration.ofSeconds(1));
        assertThrows(JobNotDurable.class, () -> take(push("m6", ReviewNotification.NEW_REVIEW)));
        assertEquals(Set.of(), markers.published);
        jobs.failure = null;
        assertEquals(PushOutcome.ACCEPTED, take(push("m6", ReviewNotification.NEW_REVIEW)));
    }

    @Test
    void aMarkerNotWrittenStillAnswersAccepted() {
        // The job is durable: a redelivery would publish it again, which the worker takes as a duplicate.
        routes.clients.put("111", "acme");
        markers.failRemember = true;
        assertEquals(PushOutcome.ACCEPTED, take(push("m7", ReviewNotification.NEW_REVIEW)));
        assertEquals(1, jobs.started.size());
    }

    @Test
    void eachFailureIsCountedAsItsOutcome() {
        assertEquals(PushOutcome.REJECTED_TOKEN, PushOutcome.of(new PushTokenRejected(PushTokenRejected.Reason.EXPIRED)));
        assertEquals(PushOutcome.MALFORMED, PushOutcome.of(new InvalidPush("message", "is required")));
        assertEquals(PushOutcome.UNAVAILABLE, PushOutcome.of(new PushUnavailable("off")));
        assertEquals(PushOutcome.UNAVAILABLE, PushOutcome.of(new JobNotDurable(Duration.ofSeconds(1))));
        assertEquals(PushOutcome.FAILED, PushOutcome.of(new IllegalStateException()));
        assertTrue(PushOutcome.UNMANAGED_ACCOUNT.tag().equals("unmanaged_account"));
    }

    static final class FakeMarkers implements PublishedPushes {
        final Set<String> published = new HashSet<>();
        boolean failing;
        boolean failRemember;

        @Override
        public Uni<Boolean> wasPublished(String jobId) {
            return failing ? Uni.createFrom().failure(new IllegalStateException("redis down")) : Uni.createFrom().item(published.contains(jobId));
        }

        @Override
        public Uni<Void> remember(String jobId) {
            if (failRemember) {
                return Uni.createFrom().failure(new IllegalStateException("redis down"));
            }
            published.add(jobId);
            return Uni.createFrom().voidItem();
        }
    }

    static final class FakeRoutes implements NotificationRoutes {
        final Map<String, String> clients = new HashMap<>();
        boolean failing;

        @Override
        public Uni<String> clientOf(String accountId) {
            return failing ? Uni.createFrom().failure(new IllegalStateException("redis down")) : Uni.createFrom().item(clients.get(accountId));
        }
    }

    static final class FakeJobs implements ReviewChangeJobs {
        final List<FetchReviewChange> started = new ArrayList<>();
        final List<JobOrigin> origins = new ArrayList<>();
        RuntimeException failure;

        @Override
        public Uni<Void> start(FetchReviewChange change, JobOrigin origin) {
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            started.add(change);
            origins.add(origin);
            return Uni.createFrom().voidItem();
        }
    }
}
