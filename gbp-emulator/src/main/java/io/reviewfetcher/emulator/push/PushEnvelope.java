package io.reviewfetcher.emulator.push;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * The body of a Pub/Sub push: the message and the subscription. Pub/Sub writes the message's id and publish time
 * twice, in camelCase and in snake_case; so does the emulator. Serialised by hand, hence registered.
 */
@RegisterForReflection
public record PushEnvelope(Message message, String subscription) {

    /** {@code data} is the base64 of the notification's JSON. */
    @RegisterForReflection
    public record Message(Map<String, String> attributes, String data, String messageId,
                          @JsonProperty("message_id") String messageIdSnake, String publishTime,
                          @JsonProperty("publish_time") String publishTimeSnake) {
    }

    /** What Google's notification says (the message's data): the type and the v4 names of the review and location. */
    @RegisterForReflection
    public record Notification(String type, String reviewName, String locationName) {
    }
}
