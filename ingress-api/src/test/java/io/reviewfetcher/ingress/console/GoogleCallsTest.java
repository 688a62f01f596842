package io.reviewfetcher.ingress.console;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GoogleCallsTest {

    @Test
    void callsAreSummedOverEndpointsAndStatuses() {
        String metrics = """
                # HELP google_api_calls_seconds Google API calls by endpoint and HTTP status
                # TYPE google_api_calls_seconds histogram
                google_api_calls_seconds_bucket{endpoint="reviews.list",status="200",le="0.1"} 40.0
                google_api_calls_seconds_count{endpoint="reviews.list",status="200"} 120.0
                google_api_calls_seconds_sum{endpoint="reviews.list",status="200"} 31.5
                google_api_calls_seconds_count{endpoint="locations.list",status="200"} 7.0
                google_api_calls_seconds_count{endpoint="reviews.list",status="429"} 2.0
                google_api_calls_seconds_count{endpoint="reviews.list",status="503"} 3.0
                google_api_calls_seconds_count{endpoint="reviews.list",status="io_error"} 1.0
                stage_permit_wait_seconds_count 135.0
                """;
        assertEquals(new GoogleCalls(133, 2, 4), GoogleCalls.parse(metrics));
    }

    @Test
    void aPodThatNeverCalledGoogleHasNone() {
        assertNull(GoogleCalls.parse("# TYPE jvm_threads_live_threads gauge\njvm_threads_live_threads 42.0\n"));
    }
}
