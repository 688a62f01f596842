package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.emulator.data.Review;

/** v4 Review resource. Serialised by hand into cached pages, hence registered for reflection. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReviewJson(
        String name,
        String reviewId,
        Reviewer reviewer,
        String starRating,
        String comment,
        String createTime,
        String updateTime,
        Reply reviewReply) {

    private static final String[] STARS = {"STAR_RATING_UNSPECIFIED", "ONE", "TWO", "THREE", "FOUR", "FIVE"};

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Reviewer(String profilePhotoUrl, String displayName, Boolean isAnonymous) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Reply(String comment, String updateTime) {
    }

    public static String starRating(int stars) {
        return STARS[stars];
    }

    /** The review as seen under {@code v4LocationName} (reviews of a shared location have one name per account). */
    public static ReviewJson of(String v4LocationName, Review review) {
        Review.Reviewer who = review.reviewer();
        return new ReviewJson(
                v4LocationName + "/reviews/" + review.reviewId(),
                review.reviewId(),
                new Reviewer(who.profilePhotoUrl(), who.displayName(), who.anonymous() ? Boolean.TRUE : null),
                starRating(review.stars()),
                review.comment(),
                review.createTime().toString(),
                review.updateTime().toString(),
                review.reply() == null ? null
                        : new Reply(review.reply().comment(), review.reply().updateTime().toString()));
    }
}
