package io.reviewfetcher.tokens.web;

import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemMappers;
import io.reviewfetcher.tokens.clients.ClientMisconfiguredException;
import io.reviewfetcher.tokens.credentials.AccessTokenRefusedException;
import io.reviewfetcher.tokens.errors.ConflictException;
import io.reviewfetcher.tokens.errors.InvalidInputException;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.grants.ReconnectRequiredException;
import io.reviewfetcher.tokens.oauth.AuthorizationFailedException;
import io.reviewfetcher.tokens.permits.CredentialRejectedException;
import io.reviewfetcher.tokens.permits.QuotaExhaustedException;
import io.reviewfetcher.tokens.quota.QuotaUnavailableException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * token-service's edge: the one place its domain exceptions become problem+json answers (service-support's
 * {@link ProblemMappers} answers the generic ones: ProblemException, unreadable JSON, JAX-RS errors, the
 * catch-all). No answer repeats what the caller sent; details are the service's own words.
 */
public class DomainExceptionMappers {

    /** A dependency that does not answer: try again in a second. */
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        // The validator's own messages for our constraints are fixed words; the value is never quoted.
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        Problem problem = errors.isEmpty()
                ? Problem.of(400, "invalid-request", "Invalid request", "invalid request")
                : Problem.invalidFields(400, errors);
        return ProblemMappers.respond(problem, null);
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return ProblemMappers.respond(Problem.of(400, "invalid-request", "Invalid request", e.field() + " " + e.problem())
                .withErrors(List.of(new Problem.FieldError(e.field(), e.problem()))), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ProblemMappers.respond(Problem.of(404, "not-found", "Not found", e.what() + " does not exist"), null);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return ProblemMappers.respond(Problem.of(409, "conflict", "Conflict", e.getMessage()), null);
    }

    /** PostgreSQL, Redis or Google did not answer (StorageUnavailableException included). */
    @ServerExceptionMapper
    public Response unavailable(UnavailableException e) {
        return ProblemMappers.respond(temporarilyUnavailable(e.getMessage()), RETRY_SOON);
    }

    /** Redis, which holds the bucket, did not answer: no permit (fail closed). */
    @ServerExceptionMapper
    public Response quotaUnavailable(QuotaUnavailableException e) {
        return ProblemMappers.respond(temporarilyUnavailable("the quota store is unavailable; no permits until it answers again"),
                RETRY_SOON);
    }

    /**
     * A timeout or an open circuit breaker that escaped its caller: Google unavailable, as such failures were
     * before fault tolerance guarded the calls. (GoogleOAuth turns them into GoogleUnavailableException, which
     * each caller handles; this is the safety net.)
     */
    @ServerExceptionMapper
    public Response faultTolerance(FaultToleranceException e) {
        return ProblemMappers.respond(temporarilyUnavailable("Google's OAuth endpoint did not answer; try again shortly"), RETRY_SOON);
    }

    @ServerExceptionMapper
    public Response quotaExhausted(QuotaExhaustedException e) {
        return ProblemMappers.respond(Problem.of(429, "quota-exhausted", "Quota exhausted",
                        "the project's Google quota is used up for now; a permit is reserved for this caller, ask again after retry_after_ms")
                .withRetryAfterMs(e.waitMillis()), Duration.ofMillis(e.waitMillis()));
    }

    @ServerExceptionMapper
    public Response credentialRejected(CredentialRejectedException e) {
        Problem problem = switch (e.reason()) {
            case UNKNOWN -> Problem.of(401, "credential-unknown", "Unknown credential", e.getMessage());
            case EXPIRED -> Problem.of(401, "credential-expired", "Access token expired", e.getMessage());
            case NOT_USABLE -> Problem.of(401, "credential-revoked", "Credential not usable", e.getMessage());
            // Permanent for the worker (a 401 it dead-letters), not a 503 it would retry for ever.
            case CLIENT_MISCONFIGURED -> Problem.of(401, "client-misconfigured", "Client misconfigured", e.getMessage());
        };
        if (e.reconnectClientId().isPresent()) {
            problem = problem.withReconnectUrl(reconnectUrl(e.reconnectClientId().getAsLong()));
        }
        return ProblemMappers.respond(problem, null);
    }

    @ServerExceptionMapper
    public Response accessTokenRefused(AccessTokenRefusedException e) {
        Problem problem = switch (e.reason()) {
            case INVALID -> Problem.of(401, "invalid-access-token", "Invalid access token", e.getMessage());
            case INSUFFICIENT_SCOPE -> Problem.of(401, "insufficient-scope", "Insufficient scope", e.getMessage());
        };
        return ProblemMappers.respond(problem, null);
    }

    /** On the admin paths, a client without usable grant is a conflict with the resource's state: 409 and where to reconnect. */
    @ServerExceptionMapper
    public Response reconnect(ReconnectRequiredException e) {
        return ProblemMappers.respond(Problem.of(409, "reconnect-required", "The business must reconnect", e.getMessage())
                .withReconnectUrl(reconnectUrl(e.clientId())), null);
    }

    /** On the admin paths and the OAuth callback: the client's state, not the request, is wrong until an operator fixes it. */
    @ServerExceptionMapper
    public Response clientMisconfigured(ClientMisconfiguredException e) {
        return ProblemMappers.respond(Problem.of(409, "client-misconfigured", "Client misconfigured", e.getMessage()), null);
    }

    @ServerExceptionMapper
    public Response authorizationFailed(AuthorizationFailedException e) {
        Problem problem = switch (e.reason()) {
            case INVALID_STATE -> Problem.of(400, "invalid-state", "Invalid OAuth state", e.getMessage());
            case CONSENT_REFUSED -> Problem.of(400, "consent-refused", "Consent not given", e.getMessage());
            case CODE_REFUSED -> Problem.of(400, "code-exchange-failed", "Code exchange failed", e.getMessage());
        };
        return ProblemMappers.respond(problem, null);
    }

    private static Problem temporarilyUnavailable(String detail) {
        return Problem.of(503, "unavailable", "Temporarily unavailable", detail);
    }

    private static String reconnectUrl(long clientId) {
        return "/oauth/login/" + clientId;
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
        }
        return last == null ? "body" : camelToSnake(last);
    }

    private static String camelToSnake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
