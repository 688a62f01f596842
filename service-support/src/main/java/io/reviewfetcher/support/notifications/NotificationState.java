package io.reviewfetcher.support.notifications;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One account's value in the hash {@link NotificationKeys#client(String)}: what was last set on Google for the account
 * through the client's credential. account-worker writes it, ingress-api reads it; this record is the format both keep.
 * It holds no token and no secret: a reason is our own words and Google's status, never a request.
 *
 * @param state             on, off, or failed (Google refused the setting: the account's setting is what it was before)
 * @param pubsubTopic       the topic Google publishes to (state on), else null
 * @param notificationTypes what Google notifies (state on), else null
 * @param updatedAt         when it was written (ISO-8601 UTC)
 * @param reason            why the account is off through another client, or why it failed; else null
 */
// Read and written by our own mapper, which native builds cannot see through.
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationState(State state, String pubsubTopic, List<String> notificationTypes, String updatedAt, String reason) {

    /** Longest reason kept: a short cause for a person, not a log. */
    public static final int MAX_REASON = 200;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // A newer writer may add fields: an older reader keeps what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public enum State {
        @JsonProperty("on")
        ON,
        @JsonProperty("off")
        OFF,
        @JsonProperty("failed")
        FAILED
    }

    public NotificationState {
        if (state == null) {
            throw new IllegalArgumentException("a notification state needs its state");
        }
        notificationTypes = notificationTypes == null ? null : List.copyOf(notificationTypes);
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
    }

    public static NotificationState on(String pubsubTopic, List<String> notificationTypes, Instant at) {
        return new NotificationState(State.ON, pubsubTopic, notificationTypes, at.toString(), null);
    }

    /** @param reason null when the client turned them off itself */
    public static NotificationState off(Instant at, String reason) {
        return new NotificationState(State.OFF, null, null, at.toString(), reason);
    }

    public static NotificationState failed(Instant at, String reason) {
        return new NotificationState(State.FAILED, null, null, at.toString(), reason);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification state could not be written", e);
        }
    }

    /** The state a hash field holds; fails with {@link IllegalArgumentException} on a value that is not one. */
    public static NotificationState fromJson(String json) {
        try {
            return JSON.readValue(json, NotificationState.class);
        } catch (JsonProcessingException | RuntimeException e) {
            // Only the type: the value is not ours to quote.
            throw new IllegalArgumentException("not a notification state (" + e.getClass().getSimpleName() + ")");
        }
    }
}
