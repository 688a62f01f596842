package io.reviewfetcher.ingress.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.events.ReviewNotification;
import io.reviewfetcher.ingress.submission.IdRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Pub/Sub push body: {@code {"message":{"data":"<base64>","messageId":…,"publishTime":…,"attributes":{…}},
 * "subscription":"projects/P/subscriptions/S"}}, whose data is Google's notification
 * {@code {"type":"NEW_REVIEW","reviewName":"accounts/A/locations/L/reviews/R","locationName":"accounts/A/locations/L"}}.
 * Pub/Sub writes messageId and publishTime also as message_id and publish_time, and Google's v1 reference names the
 * payload's fields review_name and location_name: either spelling is taken. Anything else is an {@link InvalidPush}
 * naming the field. Only NEW_REVIEW and UPDATED_REVIEW need a review; other types are read for their type alone.
 */
@ApplicationScoped
public class PushEnvelopeReader {

    /** Pub/Sub's message ids are decimal; this leaves room for an emulator's without letting anything odd into an event. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern SUBSCRIPTION = Pattern.compile("projects/[^/\\s]{1,100}/subscriptions/[^/\\s]{1,255}");
    private static final Pattern REVIEW_NAME = Pattern.compile("accounts/([^/]+)/locations/([^/]+)/reviews/([^/]+)");
    private static final Pattern LOCATION_NAME = Pattern.compile("accounts/([^/]+)/locations/([^/]+)");
    /** The range of every timestamp of the events (common-events' Fields), so a publishTime outside it is a bad field, not a failure. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    private final ObjectMapper mapper;

    public PushEnvelopeReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public PushEnvelope read(byte[] body) {
        JsonNode root = json(body, null, "the body is not valid JSON");
        if (!root.isObject()) {
            throw new InvalidPush(null, "the body must be a Pub/Sub push envelope (a JSON object)");
        }
        JsonNode message = root.get("message");
        if (message == null || !message.isObject()) {
            throw new InvalidPush("message", "must be an object (a Pub/Sub message)");
        }
        String messageId = text(message, "message.messageId", "messageId", "message_id");
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            throw new InvalidPush("message.messageId", "must be 1 to 128 letters, digits, _ . : or -");
        }
        Instant publishTime = time(text(message, "message.publishTime", "publishTime", "publish_time"));
        String subscription = text(root, "subscription", "subscription");
        if (!SUBSCRIPTION.matcher(subscription).matches()) {
            throw new InvalidPush("subscription", "must be projects/<project>/subscriptions/<subscription>");
        }
        JsonNode data = data(message);
        String type = text(data, "message.data.type", "type");
        ReviewNotification notification = switch (type) {
            case "NEW_REVIEW" -> ReviewNotification.NEW_REVIEW;
            case "UPDATED_REVIEW" -> ReviewNotification.UPDATED_REVIEW;
            default -> null;
        };
        if (notification == null) {
            return new PushEnvelope(messageId, subscription, publishTime, type, null);
        }
        return new PushEnvelope(messageId, subscription, publishTime, type, review(notification, data));
    }

    private JsonNode json(byte[] bytes, String field, String problem) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidPush(field, problem);
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InvalidPush(field, problem);
            }
            return node;
        } catch (IOException e) {
            // Jackson's message can quote the input: not used.
            throw new InvalidPush(field, problem);
        }
    }

    /** message.data: base64 (standard or URL-safe) of a JSON object. */
    private JsonNode data(JsonNode message) {
        JsonNode encoded = message.get("data");
        if (encoded == null || !encoded.isTextual() || encoded.asText().isBlank()) {
            throw new InvalidPush("message.data", "must be the notification, base64-encoded");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded.asText().trim());
        } catch (IllegalArgumentException notStandard) {
            try {
                decoded = Base64.getUrlDecoder().decode(encoded.asText().trim());
            } catch (IllegalArgumentException notUrlSafe) {
                throw new InvalidPush("message.data", "is not base64");
            }
        }
        JsonNode data = json(decoded, "message.data", "must be base64 of a JSON object (Google's notification)");
        if (!data.isObject()) {
            throw new InvalidPush("message.data", "must be base64 of a JSON object (Google's notification)");
        }
        return data;
    }

    private static PushEnvelope.NotifiedReview review(ReviewNotification notification, JsonNode data) {
        String field = data.has("reviewName") || !data.has("review_name") ? "message.data.reviewName" : "message.data.review_name";
        Matcher review = REVIEW_NAME.matcher(text(data, field, "reviewName", "review_name"));
        if (!review.matches() || !IdRules.isBareId(review.group(1)) || !IdRules.isBareId(review.group(2)) || !IdRules.isBareId(review.group(3))) {
            throw new InvalidPush(field, "must be accounts/<account id>/locations/<location id>/reviews/<review id>");
        }
        // The location's name is optional beside the review's; given, it must name the review's location.
        String locationField = data.has("locationName") || !data.has("location_name") ? "message.data.locationName" : "message.data.location_name";
        JsonNode location = data.has("locationName") ? data.get("locationName") : data.get("location_name");
        if (location != null && !location.isNull()) {
            Matcher named = location.isTextual() ? LOCATION_NAME.matcher(location.asText()) : null;
            if (named == null || !named.matches() || !named.group(1).equals(review.group(1)) || !named.group(2).equals(review.group(2))) {
                throw new InvalidPush(locationField, "must be accounts/<account id>/locations/<location id> of the review");
            }
        }
        return new PushEnvelope.NotifiedReview(notification, review.group(1), review.group(2), review.group(3));
    }

    /** The text of the first of {@code names} present in {@code node}; {@code field} names it in the problem. */
    private static String text(JsonNode node, String field, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull()) {
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw new InvalidPush(field, "must be a non-empty string");
                }
                return value.asText();
            }
        }
        throw new InvalidPush(field, "is required");
    }

    private static Instant time(String text) {
        Instant time;
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidPush("message.publishTime", "must be an RFC 3339 time (2026-01-31T12:00:00.123Z)");
        }
        if (time.isBefore(EARLIEST) || !time.isBefore(END)) {
            throw new InvalidPush("message.publishTime", "must be between " + EARLIEST + " and " + END + " (excluded)");
        }
        return time;
    }
}
