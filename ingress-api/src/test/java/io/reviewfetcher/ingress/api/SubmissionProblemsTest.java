package io.reviewfetcher.ingress.api;

import io.reviewfetcher.ingress.admission.AdmissionUnavailable;
import io.reviewfetcher.ingress.admission.ClientNotAllowed;
import io.reviewfetcher.ingress.admission.RateLimited;
import io.reviewfetcher.ingress.credentials.AccessTokenRejected;
import io.reviewfetcher.ingress.credentials.CredentialUnavailable;
import io.reviewfetcher.ingress.submission.CallerNotAuthorized;
import io.reviewfetcher.ingress.submission.InvalidSubmission;
import io.reviewfetcher.ingress.submission.JobNotDurable;
import io.reviewfetcher.ingress.submission.SubmissionsFull;
import io.reviewfetcher.ingress.submission.UnusableCredential;
import io.reviewfetcher.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each refusal of the domain and the problem+json answer (status, type, title, detail, fields, Retry-After) it becomes at the edge. */
class SubmissionProblemsTest {

    private static final String BASE = "https://review-fetcher.io/problems/";

    private static SubmissionProblems.Answer answer(Throwable refusal) {
        SubmissionProblems.Answer answer = SubmissionProblems.answer(refusal);
        assertNotNull(answer, "a refusal has an answer");
        return answer;
    }

    private static void assertProblem(Problem problem, int status, String slug, String title, String detail) {
        assertEquals(status, problem.status());
        assertEquals(BASE + slug, problem.type());
        assertEquals(title, problem.title());
        assertEquals(detail, problem.detail());
    }

    @Test
    void aMalformedBodyIs400MalformedBodyWithoutFields() {
        SubmissionProblems.Answer answer = answer(InvalidSubmission.malformed("the body is not valid JSON"));
        assertProblem(answer.problem(), 400, "malformed-body", "Malformed body", "the body is not valid JSON");
        assertNull(answer.problem().errors());
        assertNull(answer.retryAfter());
    }

    @Test
    void aFieldOfTheWrongShapeIs400NamingTheField() {
        Problem problem = answer(InvalidSubmission.malformedField("account_ids[0]", "has the wrong JSON type")).problem();
        assertProblem(problem, 400, "malformed-body", "Malformed body", "account_ids[0] has the wrong JSON type");
        assertEquals(List.of(new Problem.FieldError("account_ids[0]", "has the wrong JSON type")), problem.errors());
    }

    @Test
    void invalidValuesAre422NamingEveryField() {
        Problem problem = answer(InvalidSubmission.invalidFields(List.of(
                new InvalidSubmission.FieldError("account_ids[1]", "must not be null"),
                new InvalidSubmission.FieldError("client_id", "must be 1 to 128 letters, digits, _ or -")))).problem();
        assertProblem(problem, 422, "invalid-request", "Invalid request",
                "account_ids[1] must not be null; client_id must be 1 to 128 letters, digits, _ or -");
        assertEquals(List.of("account_ids[1]", "client_id"), problem.errors().stream().map(Problem.FieldError::field).toList());
        assertProblem(answer(InvalidSubmission.invalidField("mode", "must be full or incremental")).problem(),
                422, "invalid-request", "Invalid request", "mode must be full or incremental");
    }

    @ParameterizedTest
    @EnumSource(UnusableCredential.Reason.class)
    void anUnusableCredentialIs401WithItsOwnType(UnusableCredential.Reason reason) {
        Problem problem = answer(new UnusableCredential(reason)).problem();
        assertEquals(401, problem.status());
        assertEquals(BASE + switch (reason) {
            case MISSING -> "missing-credential";
            case MALFORMED_TOKEN -> "invalid-access-token";
            case MALFORMED_AUTHORIZATION -> "invalid-authorization";
        }, problem.type());
        assertNotNull(problem.detail());
    }

    @Test
    void aClientJobWithoutTheCallerKeyIs401InvalidApiKey() {
        assertProblem(answer(new CallerNotAuthorized()).problem(), 401, "invalid-api-key", "Invalid API key",
                "a client_id job needs a valid X-API-Key");
    }

    @Test
    void aKeyNotValidForTheClientIs403NamingTheClient() {
        SubmissionProblems.Answer answer = answer(new ClientNotAllowed("acme-reviews"));
        assertProblem(answer.problem(), 403, "client-not-allowed", "Client not allowed",
                "this X-API-Key is not allowed for client_id acme-reviews");
        assertNull(answer.retryAfter());
        assertNull(answer.response().getHeaderString("WWW-Authenticate"), "the key is valid: no challenge");
    }

    @Test
    void aJobOverARateLimitIs429NamingTheLimitWithRetryAfter() {
        SubmissionProblems.Answer byKey = answer(new RateLimited(RateLimited.Limit.KEY, 120, Duration.ofSeconds(7)));
        assertProblem(byKey.problem(), 429, "rate-limited", "Too many jobs",
                "this X-API-Key submitted 120 jobs in the last minute, its limit per API key; retry after the delay given");
        assertEquals(Duration.ofSeconds(7), byKey.retryAfter());
        assertEquals("7", byKey.response().getHeaderString("Retry-After"));

        SubmissionProblems.Answer byCredential = answer(new RateLimited(RateLimited.Limit.CREDENTIAL, 30, Duration.ofSeconds(1)));
        assertProblem(byCredential.problem(), 429, "rate-limited", "Too many jobs",
                "30 jobs were submitted in the last minute on this credential (its client_id or access token), its limit per "
                        + "credential; retry after the delay given");
        assertEquals(Duration.ofSeconds(1), byCredential.retryAfter());
    }

    @Test
    void uncheckableRateLimitsAre503WithRetryAfter() {
        SubmissionProblems.Answer answer = answer(new AdmissionUnavailable(Duration.ofSeconds(1)));
        assertProblem(answer.problem(), 503, "unavailable", "Service unavailable",
                "the job rate limits cannot be checked (Redis); the job was not accepted, try again shortly");
        assertEquals(Duration.ofSeconds(1), answer.retryAfter());
    }

    @Test
    void aTokenGoogleRefusesIs401InvalidAccessToken() {
        SubmissionProblems.Answer answer = answer(new AccessTokenRejected());
        assertProblem(answer.problem(), 401, "invalid-access-token", "Invalid access token",
                "Google does not accept this access token (invalid, expired, revoked or without the business.manage scope)");
        assertNull(answer.retryAfter());
    }

    @Test
    void aFullBufferIs429WithRetryAfter() {
        SubmissionProblems.Answer answer = answer(new SubmissionsFull(10_000, Duration.ofSeconds(1)));
        assertProblem(answer.problem(), 429, "buffer-full", "Too many submissions in flight",
                "the ingress buffer is full (10000 submissions in flight); retry after the delay given");
        assertEquals(Duration.ofSeconds(1), answer.retryAfter());
    }

    @Test
    void aJobTheBrokerDidNotTakeIs503WithRetryAfter() {
        SubmissionProblems.Answer answer = answer(new JobNotDurable(Duration.ofSeconds(2)));
        assertProblem(answer.problem(), 503, "unavailable", "Service unavailable",
                "the job could not be made durable; it was not accepted, try again shortly");
        assertEquals(Duration.ofSeconds(2), answer.retryAfter());
    }

    @Test
    void tokenServiceTroubleIs503WithRetryAfterExceptWithoutAServiceKey() {
        SubmissionProblems.Answer notConfigured = answer(new CredentialUnavailable(CredentialUnavailable.Reason.NOT_CONFIGURED, null));
        assertProblem(notConfigured.problem(), 503, "unavailable", "Service unavailable",
                "access-token jobs are not available: INGRESS_SERVICE_API_KEY is not configured");
        assertNull(notConfigured.retryAfter());
        for (CredentialUnavailable.Reason reason : List.of(CredentialUnavailable.Reason.REFUSED_OR_FAILED,
                CredentialUnavailable.Reason.UNUSABLE_ANSWER, CredentialUnavailable.Reason.UNREACHABLE)) {
            SubmissionProblems.Answer answer = answer(new CredentialUnavailable(reason, Duration.ofSeconds(1)));
            assertEquals(503, answer.problem().status());
            assertEquals(BASE + "unavailable", answer.problem().type());
            assertEquals(Duration.ofSeconds(1), answer.retryAfter());
        }
        assertEquals("token-service is unreachable; try again shortly",
                answer(new CredentialUnavailable(CredentialUnavailable.Reason.UNREACHABLE, Duration.ofSeconds(1))).problem().detail());
    }

    @Test
    void theResponseCarriesTheMediaTypeAndHeaders() {
        Response full = answer(new SubmissionsFull(2, Duration.ofMillis(1500))).response();
        assertEquals(429, full.getStatus());
        assertEquals("application/problem+json", full.getMediaType().toString());
        assertEquals("2", String.valueOf(full.getHeaderString("Retry-After")));
        Response unauthorized = answer(new CallerNotAuthorized()).response();
        assertEquals("Bearer realm=\"review-fetch\"", unauthorized.getHeaderString("WWW-Authenticate"));
        assertNull(unauthorized.getHeaderString("Retry-After"));
    }

    @Test
    void anythingElseIsNotARefusal() {
        assertNull(SubmissionProblems.answer(new IllegalStateException("a fault")));
        assertNull(SubmissionProblems.answer(new RuntimeException(new CallerNotAuthorized())));
    }
}
