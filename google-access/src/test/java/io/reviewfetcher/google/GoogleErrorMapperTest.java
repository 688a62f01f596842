package io.reviewfetcher.google;

import io.reviewfetcher.failures.GoogleApiException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Google's error answers, as Google sends them, become failures that say whether and when to try again. */
class GoogleErrorMapperTest {
    private final GoogleErrorMapper mapper = new GoogleErrorMapper();

    private static String error(int code, String status, String message, String details) {
        return """
                {"error": {"code": %d, "message": "%s", "status": "%s", "details": [%s]}}""".formatted(code, message, status, details);
    }

    private static final String RETRY_INFO_1_5S = """
            {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "1.5s"}""";

    private GoogleApiException map(Response.ResponseBuilder response) {
        Response built = response.build();
        assertTrue(mapper.handles(built.getStatus(), built.getHeaders()));
        return mapper.toThrowable(built);
    }

    @Test
    void quotaAnswerIsRetryableWithTheRetryAfterHeaderInMilliseconds() {
        GoogleApiException quota = map(Response.status(429).header("Retry-After", "53")
                .entity(error(429, "RESOURCE_EXHAUSTED", "Quota exceeded", "")));
        assertEquals(429, quota.httpStatus());
        assertEquals("RESOURCE_EXHAUSTED", quota.status());
        assertEquals(53_000L, quota.retryAfterMs());
        assertTrue(quota.retryable());
        assertTrue(quota.quotaExceeded());
    }

    @Test
    void withoutTheHeaderTheRetryInfoDetailGivesTheDelay() {
        GoogleApiException unavailable = map(Response.status(503).entity(error(503, "UNAVAILABLE", "try later", RETRY_INFO_1_5S)));
        assertEquals(1_500L, unavailable.retryAfterMs());
        assertTrue(unavailable.retryable());
        assertFalse(unavailable.quotaExceeded());
    }

    @Test
    void theHeaderWinsOverRetryInfo() {
        GoogleApiException both = map(Response.status(503).header("Retry-After", " 2 ")
                .entity(error(503, "UNAVAILABLE", "try later", RETRY_INFO_1_5S)));
        assertEquals(2_000L, both.retryAfterMs());
    }

    @Test
    void anHttpDateOrNoDelayAtAllLeavesItToTheBackoff() {
        assertNull(map(Response.status(503).header("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")
                .entity(error(503, "UNAVAILABLE", "later", ""))).retryAfterMs());
        assertNull(map(Response.status(500).entity(error(500, "INTERNAL", "oops", ""))).retryAfterMs());
    }

    @Test
    void clientErrorsArePermanentAndKeepTheErrorInfoReason() {
        GoogleApiException denied = map(Response.status(403).entity(error(403, "PERMISSION_DENIED", "no access",
                "{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": \"ACCESS_TOKEN_SCOPE_INSUFFICIENT\"}")));
        assertFalse(denied.retryable());
        assertEquals("ACCESS_TOKEN_SCOPE_INSUFFICIENT", denied.reason());
        assertEquals("403 PERMISSION_DENIED (ACCESS_TOKEN_SCOPE_INSUFFICIENT): no access", denied.getMessage());
        GoogleApiException unverified = map(Response.status(400).entity(error(400, "FAILED_PRECONDITION", "not verified", "")));
        assertEquals("FAILED_PRECONDITION", unverified.status());
        assertFalse(unverified.retryable());
    }

    @Test
    void aBodyThatIsNotGooglesJsonStillGivesTheStatus() {
        GoogleApiException gateway = map(Response.status(502).entity("<html>Bad Gateway</html>"));
        assertEquals(502, gateway.httpStatus());
        assertEquals("SERVER_ERROR", gateway.status());
        assertTrue(gateway.getMessage().endsWith("unreadable error body"), gateway.getMessage());
        assertTrue(gateway.retryable());
    }

    private static String badRequest(String field) {
        return """
                {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field": "%s", "description": "Invalid."}]}"""
                .formatted(field);
    }

    /** The emulator's answer to a page token it cannot read (gbp-emulator GoogleErrors.invalidArgument), as Google's. */
    @Test
    void aRefusedPageTokenIsNamedByItsFieldViolation() {
        GoogleApiException refused = map(Response.status(400).entity("""
                {"error": {"code": 400, "message": "Request contains an invalid argument.",
                  "errors": [{"message": "Request contains an invalid argument.", "domain": "global", "reason": "badRequest"}],
                  "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"field": "page_token", "description": "Invalid page token."}]}]}}"""));
        assertEquals(List.of("page_token"), refused.badFields());
        assertTrue(refused.pageTokenRefused());
        assertFalse(refused.retryable());
        assertEquals("400 INVALID_ARGUMENT: Request contains an invalid argument. [bad page_token]", refused.getMessage());
        assertTrue(map(Response.status(400).entity(error(400, "INVALID_ARGUMENT", "bad", badRequest("pageToken")))).pageTokenRefused());
    }

    @Test
    void anotherBadFieldIsNotARefusedPageToken() {
        GoogleApiException mask = map(Response.status(400).entity(error(400, "INVALID_ARGUMENT", "bad", badRequest("read_mask"))));
        assertEquals(List.of("read_mask"), mask.badFields());
        assertFalse(mask.pageTokenRefused());
        assertFalse(map(Response.status(400).entity(error(400, "INVALID_ARGUMENT", "Invalid page token", ""))).pageTokenRefused(),
                "the message alone is not read");
        assertFalse(map(Response.status(400).entity(error(400, "FAILED_PRECONDITION", "bad", badRequest("page_token")))).pageTokenRefused());
        GoogleApiException odd = map(Response.status(400).entity(error(400, "INVALID_ARGUMENT", "bad", badRequest("ya29.a0 secret?"))));
        assertEquals(List.of(), odd.badFields(), "what does not look like a field name is not kept");
    }

    @Test
    void longMessagesAreCut() {
        GoogleApiException verbose = map(Response.status(400).entity(error(400, "INVALID_ARGUMENT", "x".repeat(1000), "")));
        assertTrue(verbose.getMessage().endsWith("x…"));
        assertTrue(verbose.getMessage().length() < 400, verbose.getMessage());
    }
}
