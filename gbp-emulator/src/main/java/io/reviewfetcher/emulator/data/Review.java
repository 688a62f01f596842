package io.reviewfetcher.emulator.data;

import java.time.Instant;

/** One review as the data set holds it; {@code comment} and {@code reply} may be null. */
public record Review(
        String reviewId,
        Reviewer reviewer,
        int stars,
        String comment,
        Instant createTime,
        Instant updateTime,
        Reply reply) {

    public record Reviewer(String displayName, String profilePhotoUrl, boolean anonymous) {
    }

    public record Reply(String comment, Instant updateTime) {
    }

    public Review withUpdate(int newStars, String newComment, Reply newReply, Instant newUpdateTime) {
        return new Review(reviewId, reviewer, newStars, newComment, createTime, newUpdateTime, newReply);
    }
}
