package io.reviewfetcher.ingress.push;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pushed message's job id: the same for every delivery of the message, a UUID as every job id, one per subscription. */
class PushJobIdsTest {

    private static final String SUBSCRIPTION = "projects/rf/subscriptions/reviews";

    @Test
    void aRedeliveryIsTheSameJob() {
        assertEquals(PushJobIds.of(SUBSCRIPTION, "1234567890"), PushJobIds.of(SUBSCRIPTION, "1234567890"));
    }

    @Test
    void itIsAJobIdLikeAnyOther() {
        String id = PushJobIds.of(SUBSCRIPTION, "1234567890");
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertEquals(id, UUID.fromString(id).toString());
    }

    @Test
    void anotherMessageOrSubscriptionIsAnotherJob() {
        assertNotEquals(PushJobIds.of(SUBSCRIPTION, "1"), PushJobIds.of(SUBSCRIPTION, "2"));
        assertNotEquals(PushJobIds.of(SUBSCRIPTION, "1"), PushJobIds.of("projects/rf/subscriptions/other", "1"));
    }
}
