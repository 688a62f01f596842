package io.reviewfetcher.google;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Google's proto3 JSON, as far as the pipeline reads it. Absent fields (proto3 omits empty ones) arrive as
 * null; unknown fields are ignored, so Google may add fields without breaking us.
 */
public final class GoogleDtos {
    private GoogleDtos() {
    }

    /** Bare id of a resource name: {@code 123} of {@code accounts/123}. */
    public static String idOf(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }

    /**
     * Bare id of an item's resource name, or null when Google sent none, or one that names nothing
     * ({@code accounts/}): proto3 omits an empty field, so a list item may come without its name.
     */
    public static String idOrNull(String resourceName) {
        if (resourceName == null) {
            return null;
        }
        String id = idOf(resourceName).strip();
        return id.isEmpty() ? null : id;
    }

    // Bound by Jackson from REST client responses, which native builds cannot see through generics.
    @RegisterForReflection
    public record AccountsPage(List<Account> accounts, String nextPageToken) {
        public List<Account> accountsOrEmpty() {
            return accounts == null ? List.of() : accounts;
        }
    }

    @RegisterForReflection
    public record Account(String name, String accountName, String type) {
    }

    @RegisterForReflection
    public record LocationsPage(List<Location> locations, String nextPageToken, Integer totalSize) {
        public List<Location> locationsOrEmpty() {
            return locations == null ? List.of() : locations;
        }
    }

    @RegisterForReflection
    public record Location(String name, String title, LocationMetadata metadata) {
        public String mapsUri() {
            return metadata == null ? null : metadata.mapsUri();
        }
    }

    @RegisterForReflection
    public record LocationMetadata(String mapsUri, String placeId) {
    }

    @RegisterForReflection
    public record ReviewsPage(List<Review> reviews, Double averageRating, Integer totalReviewCount, String nextPageToken) {
        /** A location without reviews: Google answers {@code {}}. */
        public static final ReviewsPage NONE = new ReviewsPage(List.of(), null, 0, null);

        public List<Review> reviewsOrEmpty() {
            return reviews == null ? List.of() : reviews;
        }
    }

    /**
     * The body of batchGetReviews. {@code locationNames} are v4 names, {@code accounts/{a}/locations/{l}}; the page
     * token is left out on the first page (proto3 JSON omits what is unset).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BatchGetReviewsRequest(List<String> locationNames, int pageSize, String pageToken, String orderBy,
                                         boolean ignoreRatingOnlyReviews) {
        /** Most reviews one page holds (Google's documented default and maximum). */
        public static final int MAX_PAGE_SIZE = 50;
        /** Newest first across the batch's locations: what lets an incremental walk stop behind the watermarks. */
        public static final String NEWEST_FIRST = "updateTime desc";

        /** Page {@code pageToken} (null: the first) of the reviews of {@code locationNames}, newest first, rating-only ones included. */
        public static BatchGetReviewsRequest newestFirst(List<String> locationNames, String pageToken) {
            return new BatchGetReviewsRequest(locationNames, MAX_PAGE_SIZE, pageToken, NEWEST_FIRST, false);
        }
    }

    /** A page of batchGetReviews: no count, no average; {@code nextPageToken} absent on the last page. */
    @RegisterForReflection
    public record BatchReviewsPage(List<LocationReview> locationReviews, String nextPageToken) {
        /** Google answers {@code {}} when the batch's locations have no reviews. */
        public List<LocationReview> locationReviewsOrEmpty() {
            return locationReviews == null ? List.of() : locationReviews;
        }
    }

    /** One review of a batch page; {@code name} is the LOCATION's v4 name, not the review's. */
    @RegisterForReflection
    public record LocationReview(String name, Review review) {
    }

    @RegisterForReflection
    public record Review(String name, String reviewId, Reviewer reviewer, String starRating, String comment,
                         String createTime, String updateTime, ReviewReply reviewReply) {
    }

    /**
     * An account's notification setting (Notifications API v1). Sent whole, empty values included: turning
     * notifications off is an empty topic and no types under the update mask.
     */
    @RegisterForReflection
    public record NotificationSetting(String name, String pubsubTopic, List<String> notificationTypes) {
        /** {@code accounts/{accountId}/notificationSetting}: the setting's resource name. */
        public static String nameOf(String accountId) {
            return "accounts/" + accountId + "/notificationSetting";
        }

        /** The account's events published to {@code pubsubTopic}. */
        public static NotificationSetting to(String accountId, String pubsubTopic, List<String> notificationTypes) {
            return new NotificationSetting(nameOf(accountId), pubsubTopic, List.copyOf(notificationTypes));
        }

        /** No events published for the account. */
        public static NotificationSetting none(String accountId) {
            return new NotificationSetting(nameOf(accountId), "", List.of());
        }
    }

    @RegisterForReflection
    public record Reviewer(String profilePhotoUrl, String displayName, Boolean isAnonymous) {
    }

    @RegisterForReflection
    public record ReviewReply(String comment, String updateTime) {
    }
}
