package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a delivered review is to the one before it in the review store (the last version any job delivered). */
public enum ReviewChange {
    /** Never delivered before, or deleted since. */
    @JsonProperty("new")
    NEW,
    /** Delivered before with an older {@code update_time}: edited on Google since. */
    @JsonProperty("updated")
    UPDATED,
    /** Delivered before as it is now; only a full run delivers it again. */
    @JsonProperty("unchanged")
    UNCHANGED
}
