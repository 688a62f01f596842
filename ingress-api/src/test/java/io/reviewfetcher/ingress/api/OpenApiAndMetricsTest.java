package io.reviewfetcher.ingress.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** The endpoints are documented (the review store's too), and the buffer's depth, rejects and accepted submissions are metrics. */
@QuarkusTest
class OpenApiAndMetricsTest {

    @Test
    void theJobApiIsDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/review-fetch'.post.responses.'202'", notNullValue())
                .body("paths.'/api/v1/review-fetch'.post.responses.'429'", notNullValue())
                .body("paths.'/api/v1/review-fetch/bulk'.post", notNullValue())
                .body("paths.'/api/v1/review-fetch/{job_id}'.get.responses.'404'", notNullValue())
                .body("components.schemas.SubmissionRequest.properties.access_token", notNullValue())
                .body("components.schemas.JobStatus.properties.counts", notNullValue())
                .body("components.schemas.JobStatus.properties.incomplete_locations", notNullValue())
                .body("components.schemas.JobStatus.properties.locations_not_listed", notNullValue())
                .body("components.schemas.Counts.properties.reviews_new", notNullValue())
                .body("components.schemas.Counts.properties.locations_not_listed", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void theReviewStoreApiIsDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/reviews'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/reviews'.get.responses.'400'", notNullValue())
                .body("paths.'/api/v1/reviews'.get.responses.'401'", notNullValue())
                .body("paths.'/api/v1/reviews'.get.responses.'503'", notNullValue())
                .body("paths.'/api/v1/reviews'.get.parameters.name", hasItems("location_id", "updated_since", "limit", "cursor"))
                .body("components.schemas.ReviewsPage.properties.next_cursor", notNullValue())
                .body("components.schemas.StoredReview.properties.google.type", is("object"));
    }

    @Test
    void thePushEndpointIsDocumentedAsGooglesOnly() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/google/notifications'.post.responses.'204'", notNullValue())
                .body("paths.'/api/v1/google/notifications'.post.responses.'401'", notNullValue())
                .body("paths.'/api/v1/google/notifications'.post.summary", containsString("not for callers"))
                .body("paths.'/api/v1/google/notifications'.post.tags", hasItems("google-notifications"))
                .body("components.schemas.PubSubPushEnvelope.properties.subscription", notNullValue());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ingress_notifications_received_total{outcome=\"accepted\"}"))
                .body(containsString("ingress_notifications_received_total{outcome=\"rejected_token\"}"));
    }

    @Test
    void theBufferIsMeasured() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ingress_submissions_in_flight "))
                .body(containsString("ingress_submissions_in_flight_limit "))
                .body(containsString("ingress_submissions_rejected_total{reason=\"buffer_full\"}"))
                .body(containsString("ingress_submissions_accepted_total{credential=\"client_id\"}"));
    }
}
