package io.reviewfetcher.ingress.credentials;

import io.quarkus.logging.Log;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.TaskFailure;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Exchanges a submitter's access token for a credential reference ({@code cred:…}) at token-service, which
 * checks it with Google's tokeninfo first. The token goes nowhere else: only the reference enters events.
 * Google rejecting the token is {@link AccessTokenRejected}, the submitter's fault; token-service being
 * down, slow, refusing our key or not configured is {@link CredentialUnavailable}. Timeouts, the one retry
 * and the circuit breaker are token-service-client's ({@link TokenService#keepCredential}).
 */
@ApplicationScoped
public class CredentialExchange {

    private static final Pattern REFERENCE = Pattern.compile("cred:[A-Za-z0-9_-]{16,64}");

    private final TokenService tokenService;
    private final Duration retryAfter;

    @Inject
    public CredentialExchange(TokenService tokenService, IngressConfig config) {
        this(tokenService, config.submissions().retryAfter());
    }

    CredentialExchange(TokenService tokenService, Duration retryAfter) {
        this.tokenService = tokenService;
        this.retryAfter = retryAfter;
    }

    /**
     * The reference token-service keeps the token behind, and when the token expires; fails with
     * {@link AccessTokenRejected} or {@link CredentialUnavailable}.
     */
    public Uni<KeptCredential> keep(String accessToken) {
        if (!tokenService.configured()) {
            return Uni.createFrom().failure(new CredentialUnavailable(CredentialUnavailable.Reason.NOT_CONFIGURED, null));
        }
        // Deferred, so that even a failure thrown at the call becomes a refusal rather than escaping.
        return Uni.createFrom().deferred(() -> tokenService.keepCredential(accessToken))
                .onFailure().transform(this::explain)
                .map(this::checked);
    }

    private KeptCredential checked(TokenServiceApi.CredentialResponse response) {
        if (response == null || response.credential() == null || !REFERENCE.matcher(response.credential()).matches()) {
            Log.error("token-service answered POST /api/v1/credentials without a cred:<id> reference");
            throw new CredentialUnavailable(CredentialUnavailable.Reason.UNUSABLE_ANSWER, retryAfter);
        }
        return new KeptCredential(response.credential(), expiry(response.expiresAt()));
    }

    /** The expiry only informs the submitter: without a readable one the job is still taken, without the warning. */
    private static Instant expiry(String expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        try {
            return Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            Log.warn("token-service answered POST /api/v1/credentials with an unreadable expires_at");
            return null;
        }
    }

    private RuntimeException explain(Throwable error) {
        Throwable failure = TokenService.asOutage(error);
        if (failure instanceof CredentialRejected rejected) {
            int status = rejected.httpStatus();
            if ((status == 401 || status == 400) && !"unauthorized".equals(rejected.problem())) {
                return new AccessTokenRejected();
            }
            if (status == 403) {
                keyRefused();
            } else {
                Log.warnf("token-service answered %d to POST /api/v1/credentials", status);
            }
            return new CredentialUnavailable(CredentialUnavailable.Reason.REFUSED_OR_FAILED, retryAfter);
        }
        if (failure instanceof ServiceKeyRefused) {
            keyRefused();
            return new CredentialUnavailable(CredentialUnavailable.Reason.REFUSED_OR_FAILED, retryAfter);
        }
        if (failure instanceof TokenServiceUnavailable unavailable && unavailable.httpStatus() != null) {
            Log.warnf("token-service answered %d to POST /api/v1/credentials", unavailable.httpStatus());
            return new CredentialUnavailable(CredentialUnavailable.Reason.REFUSED_OR_FAILED, retryAfter);
        }
        // Connection refused, a timeout, the breaker open. token-service-client's failures name the cause's
        // type only; of anything else only the type is logged: a client library's message may carry request data.
        Log.warnf("token-service unreachable for POST /api/v1/credentials (%s)",
                error instanceof TaskFailure ? error.getMessage() : error.getClass().getSimpleName());
        return new CredentialUnavailable(CredentialUnavailable.Reason.UNREACHABLE, retryAfter);
    }

    /** token-service refused our own key: an operator must fix it, or token-service's list of credentials keys. */
    private static void keyRefused() {
        Log.error("token-service refused ingress-api's key (INGRESS_SERVICE_API_KEY, else SERVICE_API_KEY); "
                + "access-token jobs fail until it is fixed or token-service's TOKEN_SERVICE_CREDENTIAL_KEYS holds it");
    }
}
