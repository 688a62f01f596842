package io.reviewfetcher.ingress.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.events.ReviewNotification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pub/Sub's push envelope and Google's notification inside it: what is taken, and the field each bad one is refused for. */
class PushEnvelopeReaderTest {

    private static final String SUBSCRIPTION = "projects/rf-test/subscriptions/review-notifications";
    private static final String NEW_REVIEW = "{\"type\":\"NEW_REVIEW\",\"reviewName\":\"accounts/111/locations/222/reviews/AbC-9_x\","
            + "\"locationName\":\"accounts/111/locations/222\"}";

    private final PushEnvelopeReader reader = new PushEnvelopeReader(new ObjectMapper());

    static String envelope(String data, String messageId, String publishTime, String subscription) {
        return "{\"message\":{\"data\":" + quoted(data) + ",\"messageId\":" + quoted(messageId) + ",\"publishTime\":" + quoted(publishTime)
                + ",\"attributes\":{\"origin\":\"test\"}},\"subscription\":" + quoted(subscription) + "}";
    }

    static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private PushEnvelope read(String body) {
        return reader.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private InvalidPush refused(String body) {
        return assertThrows(InvalidPush.class, () -> read(body));
    }

    @Test
    void aNewReviewIsReadWithItsBareIds() {
        PushEnvelope push = read(envelope(base64(NEW_REVIEW), "1234567890", "2026-03-01T10:15:30.123456789Z", SUBSCRIPTION));
        assertEquals("1234567890", push.messageId());
        assertEquals(SUBSCRIPTION, push.subscription());
        assertEquals(Instant.parse("2026-03-01T10:15:30.123456789Z"), push.publishTime());
        assertEquals("NEW_REVIEW", push.type());
        assertEquals(new PushEnvelope.NotifiedReview(ReviewNotification.NEW_REVIEW, "111", "222", "AbC-9_x"), push.review());
    }

    @Test
    void theSnakeCaseSpellingsAreTakenToo() {
        String data = "{\"type\":\"UPDATED_REVIEW\",\"review_name\":\"accounts/1/locations/2/reviews/3\",\"location_name\":\"accounts/1/locations/2\"}";
        String body = "{\"message\":{\"data\":\"" + base64(data) + "\",\"message_id\":\"77\",\"publish_time\":\"2026-03-01T10:15:30+02:00\"},"
                + "\"subscription\":\"" + SUBSCRIPTION + "\"}";
        PushEnvelope push = read(body);
        assertEquals("77", push.messageId());
        assertEquals(Instant.parse("2026-03-01T08:15:30Z"), push.publishTime());
        assertEquals(new PushEnvelope.NotifiedReview(ReviewNotification.UPDATED_REVIEW, "1", "2", "3"), push.review());
    }

    @Test
    void theLocationNameIsOptionalAndUrlSafeBase64IsTaken() {
        String data = "{\"type\":\"NEW_REVIEW\",\"reviewName\":\"accounts/1/locations/2/reviews/3\"}";
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(data.getBytes(StandardCharsets.UTF_8));
        assertEquals("3", read(envelope(urlSafe, "1", "2026-03-01T10:15:30Z", SUBSCRIPTION)).review().reviewId());
    }

    @Test
    void anotherNotificationTypeIsReadForItsTypeAlone() {
        PushEnvelope push = read(envelope(base64("{\"type\":\"GOOGLE_UPDATE\",\"locationName\":\"accounts/1/locations/2\"}"), "5",
                "2026-03-01T10:15:30Z", SUBSCRIPTION));
        assertEquals("GOOGLE_UPDATE", push.type());
        assertNull(push.review());
    }

    @Test
    void aBodyThatIsNotAnEnvelopeIsRefusedWithoutAField() {
        assertNull(refused("{\"message\":").field());
        assertNull(refused("").field());
        assertNull(refused("[1,2]").field());
    }

    @Test
    void eachMissingOrBadFieldIsNamed() {
        String data = base64(NEW_REVIEW);
        String time = "2026-03-01T10:15:30Z";
        assertEquals("message", refused("{\"subscription\":\"" + SUBSCRIPTION + "\"}").field());
        assertEquals("message.messageId", refused(envelope(data, null, time, SUBSCRIPTION)).field());
        assertEquals("message.messageId", refused(envelope(data, "", time, SUBSCRIPTION)).field());
        assertEquals("message.messageId", refused(envelope(data, "a b", time, SUBSCRIPTION)).field());
        assertEquals("message.publishTime", refused(envelope(data, "1", null, SUBSCRIPTION)).field());
        assertEquals("message.publishTime", refused(envelope(data, "1", "yesterday", SUBSCRIPTION)).field());
        assertEquals("message.publishTime", refused(envelope(data, "1", "1970-01-01T00:00:00Z", SUBSCRIPTION)).field());
        assertEquals("subscription", refused(envelope(data, "1", time, null)).field());
        assertEquals("subscription", refused(envelope(data, "1", time, "review-notifications")).field());
        assertEquals("message.data", refused(envelope(null, "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data", refused(envelope("%%%not base64%%%", "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data", refused(envelope(base64("not json"), "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data", refused(envelope(base64("[\"NEW_REVIEW\"]"), "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data.type", refused(envelope(base64("{\"reviewName\":\"accounts/1/locations/2/reviews/3\"}"), "1", time,
                SUBSCRIPTION)).field());
        assertEquals("message.data.reviewName", refused(envelope(base64("{\"type\":\"NEW_REVIEW\"}"), "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data.reviewName", refused(envelope(base64("{\"type\":\"NEW_REVIEW\",\"reviewName\":\"locations/2/reviews/3\"}"),
                "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data.review_name", refused(envelope(base64("{\"type\":\"NEW_REVIEW\",\"review_name\":\"accounts/1/locations/2/reviews/a b\"}"),
                "1", time, SUBSCRIPTION)).field());
        assertEquals("message.data.locationName", refused(envelope(base64("{\"type\":\"UPDATED_REVIEW\",\"reviewName\":"
                + "\"accounts/1/locations/2/reviews/3\",\"locationName\":\"accounts/1/locations/9\"}"), "1", time, SUBSCRIPTION)).field());
    }

    @Test
    void aRefusalNamesTheFieldNeverItsValue() {
        String secretLooking = "ya29.a0AfB_0123456789abcdef";
        InvalidPush refused = refused(envelope(base64("{\"type\":\"NEW_REVIEW\",\"reviewName\":\"" + secretLooking + "\"}"), "1",
                "2026-03-01T10:15:30Z", SUBSCRIPTION));
        assertFalse(refused.getMessage().contains(secretLooking));
        assertFalse(refused.problem().contains(secretLooking));
    }
}
