package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The kinds of Google's My Business Notifications this system acts on: a review was written or edited
 * ({@code ../shared/gbp-api.md} §5.4). Google names no deletion: deletions are found by verified full walks.
 */
public enum ReviewNotification {
    @JsonProperty("NEW_REVIEW")
    NEW_REVIEW,
    @JsonProperty("UPDATED_REVIEW")
    UPDATED_REVIEW
}
