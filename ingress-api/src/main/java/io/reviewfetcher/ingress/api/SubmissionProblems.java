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
import io.reviewfetcher.support.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.List;

/**
 * The one place where the refusals of submission, admission (caller keys, jobs per minute) and credentials become HTTP: each as its problem+json
 * answer (status, type, title, detail, field errors) and Retry-After, for a single submission through the
 * exception mapper and for each item of a bulk call through {@link #answer(Throwable)}. Everything else
 * (service-support's {@link ProblemMappers}) is a fault, not a refusal.
 */
public class SubmissionProblems {

    /** A refusal's answer: the problem and the Retry-After it carries (null for none). */
    public record Answer(Problem problem, Duration retryAfter) {
        public Response response() {
            return ProblemMappers.respond(problem, retryAfter);
        }
    }

    @ServerExceptionMapper({InvalidSubmission.class, UnusableCredential.class, CallerNotAuthorized.class, ClientNotAllowed.class,
            SubmissionsFull.class, RateLimited.class, AdmissionUnavailable.class, JobNotDurable.class, AccessTokenRejected.class,
            CredentialUnavailable.class})
    public Response refused(RuntimeException refusal) {
        return answer(refusal).response();
    }

    /** The answer to a refusal of the domain, or null when {@code failure} is not one (a fault, answered 500). */
    public static Answer answer(Throwable failure) {
        if (failure instanceof InvalidSubmission invalid) {
            return new Answer(invalid(invalid), null);
        }
        if (failure instanceof UnusableCredential unusable) {
            return new Answer(switch (unusable.reason()) {
                case MISSING -> unauthorized("missing-credential", "Missing credential",
                        "send a Google access token (Authorization: Bearer, or access_token) or a client_id with X-API-Key");
                case MALFORMED_TOKEN -> unauthorized("invalid-access-token", "Invalid access token",
                        "an access token is 1 to 4096 printable ASCII characters without spaces");
                case MALFORMED_AUTHORIZATION -> unauthorized("invalid-authorization", "Invalid Authorization header",
                        "the Authorization header must be 'Bearer <Google access token>'");
            }, null);
        }
        if (failure instanceof CallerNotAuthorized) {
            return new Answer(unauthorized("invalid-api-key", "Invalid API key", "a client_id job needs a valid X-API-Key"), null);
        }
        if (failure instanceof ClientNotAllowed notAllowed) {
            return new Answer(Problem.of(403, "client-not-allowed", "Client not allowed",
                    "this X-API-Key is not allowed for client_id " + notAllowed.clientId()), null);
        }
        if (failure instanceof AccessTokenRejected) {
            return new Answer(unauthorized("invalid-access-token", "Invalid access token",
                    "Google does not accept this access token (invalid, expired, revoked or without the business.manage scope)"), null);
        }
        if (failure instanceof SubmissionsFull full) {
            return new Answer(Problem.of(429, "buffer-full", "Too many submissions in flight",
                    "the ingress buffer is full (" + full.limit() + " submissions in flight); retry after the delay given"), full.retryAfter());
        }
        if (failure instanceof RateLimited limited) {
            return new Answer(Problem.of(429, "rate-limited", "Too many jobs", switch (limited.limit()) {
                case KEY -> "this X-API-Key submitted " + limited.perMinute() + " jobs in the last minute, its limit per API key";
                case CREDENTIAL -> limited.perMinute() + " jobs were submitted in the last minute on this credential (its client_id "
                        + "or access token), its limit per credential";
            } + "; retry after the delay given"), limited.retryAfter());
        }
        if (failure instanceof AdmissionUnavailable unavailable) {
            return new Answer(unavailable("the job rate limits cannot be checked (Redis); the job was not accepted, try again shortly"),
                    unavailable.retryAfter());
        }
        if (failure instanceof JobNotDurable notDurable) {
            return new Answer(unavailable("the job could not be made durable; it was not accepted, try again shortly"), notDurable.retryAfter());
        }
        if (failure instanceof CredentialUnavailable unavailable) {
            return new Answer(unavailable(switch (unavailable.reason()) {
                case NOT_CONFIGURED -> "access-token jobs are not available: INGRESS_SERVICE_API_KEY is not configured";
                case REFUSED_OR_FAILED -> "token-service could not take the access token; try again shortly";
                case UNUSABLE_ANSWER -> "token-service gave an unusable answer";
                case UNREACHABLE -> "token-service is unreachable; try again shortly";
            }), unavailable.retryAfter());
        }
        return null;
    }

    /** 400 {@code malformed-body} when the body is not the request's shape, 422 {@code invalid-request} when a value is wrong. */
    private static Problem invalid(InvalidSubmission invalid) {
        boolean malformed = invalid.kind() == InvalidSubmission.Kind.MALFORMED;
        List<InvalidSubmission.FieldError> errors = invalid.errors();
        if (errors.isEmpty()) {
            return malformed ? Problem.of(400, "malformed-body", "Malformed body", invalid.detail())
                    : Problem.of(422, "invalid-request", "Invalid request", invalid.detail());
        }
        List<Problem.FieldError> fields = errors.stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList();
        if (!malformed) {
            return Problem.invalidFields(422, fields);
        }
        if (fields.size() == 1) {
            return Problem.invalidField(400, fields.get(0).field(), fields.get(0).message());
        }
        return Problem.of(400, "malformed-body", "Malformed body", invalid.detail()).withErrors(fields);
    }

    private static Problem unauthorized(String slug, String title, String detail) {
        return Problem.of(401, slug, title, detail);
    }

    private static Problem unavailable(String detail) {
        return Problem.of(503, "unavailable", "Service unavailable", detail);
    }
}
