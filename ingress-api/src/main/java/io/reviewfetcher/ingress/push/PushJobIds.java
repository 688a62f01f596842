package io.reviewfetcher.ingress.push;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The job id of a pushed message: a name-based UUID (RFC 4122 version 3, as a scheduled run's, so it is a job id like any
 * other) of the subscription and the message id. Pub/Sub redelivers a message with the same id, so a redelivery is the
 * same job (its task ids, status and publish marker are the job id's), never a second one; the subscription is in it
 * because message ids are unique per topic only, and two subscriptions may push to this endpoint.
 */
public final class PushJobIds {

    private PushJobIds() {
    }

    public static String of(String subscription, String messageId) {
        String name = "review-fetcher:google-push:" + subscription + ":" + messageId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
