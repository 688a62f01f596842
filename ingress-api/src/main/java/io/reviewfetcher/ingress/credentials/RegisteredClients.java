package io.reviewfetcher.ingress.credentials;

import io.quarkus.logging.Log;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.TaskFailure;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.reviewfetcher.tokenservice.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether token-service has a managed client, asked before a schedule is stored for it, or its notifications are set or
 * read, so that a typo in client_id is refused at once rather than found out by the first run. token-service answers on
 * {@code GET /api/v1/credentials/clients/{client_id}} under the key ingress-api already holds for
 * {@code /api/v1/credentials} (this internet-facing service holds no admin key). The fault tolerance (timeout, one retry,
 * circuit breaker) is token-service-client's ({@link TokenService#clientConnection}).
 */
@ApplicationScoped
public class RegisteredClients {

    private final TokenService tokenService;
    private final Duration retryAfter;

    @Inject
    public RegisteredClients(TokenService tokenService, IngressConfig config) {
        this(tokenService, config.submissions().retryAfter());
    }

    public RegisteredClients(TokenService tokenService, Duration retryAfter) {
        this.tokenService = tokenService;
        this.retryAfter = retryAfter;
    }

    /**
     * Completes when token-service has the client. A client that is registered but not connected (its business has not
     * completed the OAuth consent yet, or must redo it) is accepted: consent may well come after the schedule, and a
     * connected client can lose its grant later anyway; until it is connected its runs fail at their first permit, with
     * the reason in the job's status. Fails with a {@link ProblemException}: 422 naming client_id for an unknown client,
     * 503 (with Retry-After) when token-service cannot tell.
     */
    public Uni<Void> requireRegistered(String clientId) {
        return registered(clientId).map(known -> {
            if (!known) {
                throw unknown(clientId);
            }
            return known;
        }).replaceWithVoid();
    }

    /**
     * As {@link #requireRegistered}, for a client named in the path ({@code /api/v1/clients/{client_id}/…}): an unknown
     * client is a resource that does not exist, 404.
     */
    public Uni<Void> requireExisting(String clientId) {
        return registered(clientId).map(known -> {
            if (!known) {
                throw new ProblemException(Problem.of(404, "client-not-found", "Client not found",
                        "no client " + clientId + " is registered in token-service"));
            }
            return known;
        }).replaceWithVoid();
    }

    /**
     * Whether token-service has the client (connected or not). Fails with a {@link ProblemException} 503 (with
     * Retry-After) when token-service cannot tell.
     */
    public Uni<Boolean> registered(String clientId) {
        if (!tokenService.configured()) {
            return Uni.createFrom().failure(ProblemException.unavailable("token-service cannot be asked whether the client "
                    + "exists: INGRESS_SERVICE_API_KEY is not configured", null));
        }
        // Deferred, so that even a failure thrown at the call becomes an answer rather than escaping.
        return Uni.createFrom().deferred(() -> tokenService.clientConnection(clientId))
                .onFailure().transform(this::unavailable)
                .map(Optional::isPresent);
    }

    /** The id has passed IdRules' form check before it gets here, so repeating it quotes nothing unsafe. */
    private static ProblemException unknown(String clientId) {
        return new ProblemException(Problem.of(422, "invalid-request", "Invalid request",
                        "no client " + clientId + " is registered in token-service")
                .withErrors(List.of(new Problem.FieldError("client_id", "names no client registered in token-service"))));
    }

    private ProblemException unavailable(Throwable error) {
        Throwable failure = TokenService.asOutage(error);
        if (failure instanceof ServiceKeyRefused || failure instanceof CredentialRejected rejected
                && (rejected.httpStatus() == 401 || rejected.httpStatus() == 403)) {
            Log.error("token-service refused ingress-api's key (INGRESS_SERVICE_API_KEY, else SERVICE_API_KEY) on "
                    + "/api/v1/credentials/clients; schedules and notifications cannot be set until it is fixed or token-service's "
                    + "TOKEN_SERVICE_CREDENTIAL_KEYS holds it");
        } else if (failure instanceof TaskFailure answered && answered.httpStatus() != null) {
            Log.warnf("token-service answered %d to GET /api/v1/credentials/clients", answered.httpStatus());
        } else {
            // Only the type, or token-service-client's own words (the cause's type): a library's message may quote the request.
            Log.warnf("token-service unreachable for GET /api/v1/credentials/clients (%s)",
                    error instanceof TokenServiceUnavailable ? error.getMessage() : error.getClass().getSimpleName());
        }
        return ProblemException.unavailable("token-service cannot tell whether the client is registered; nothing was done, "
                + "try again shortly", retryAfter);
    }
}
