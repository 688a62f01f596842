package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much of a location's reviews a job wants. */
public enum FetchMode {
    /** Every review. */
    @JsonProperty("full")
    FULL,
    /** Only reviews updated since the previous fetch of the same location. */
    @JsonProperty("incremental")
    INCREMENTAL
}
