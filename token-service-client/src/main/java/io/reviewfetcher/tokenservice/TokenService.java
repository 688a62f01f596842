package io.reviewfetcher.tokenservice;

import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.TaskFailure;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The calls to token-service, each with the fault tolerance its caller needs. Answers token-service gives
 * on purpose (an empty bucket, a rejected credential) are not faults: they pass through at once. A refused
 * key of our own is an outage for the permits (see {@link #permit}); every answer tells {@link ServiceKeyStatus}
 * whether the key was taken.
 */
@ApplicationScoped
public class TokenService {
    private final TokenServiceApi api;
    private final String serviceKey;
    private final String callerId;
    private final ServiceKeyStatus keyStatus;

    public TokenService(@RestClient TokenServiceApi api, TokenServiceClientConfig config, ServiceKeyStatus keyStatus) {
        this.api = api;
        this.serviceKey = config.apiKey().map(String::trim).filter(key -> !key.isEmpty()).orElse(null);
        this.callerId = config.callerId();
        this.keyStatus = keyStatus;
    }

    /** Whether this service has a key to call token-service with. */
    public boolean configured() {
        return serviceKey != null;
    }

    /**
     * A permit for one Google call. token-service restarting, or its Redis away, means no Google call can
     * happen anyway: the task waits it out here (up to 90 s, backing off to 5 s between tries, the breaker
     * sparing token-service a storm) rather than spend its retries and reach the dead-letter topic in seconds.
     * Our key refused is waited out the same way: the task is not at fault, and a rotation that reaches
     * token-service a little after this pod (or the other way round) heals by itself. The breaker skips it:
     * a quick 401 is no sign of a struggling token-service.
     */
    @Timeout(value = 15, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS,
            skipOn = {QuotaWait.class, CredentialRejected.class, ServiceKeyRefused.class})
    @Retry(maxRetries = -1, maxDuration = 90, durationUnit = ChronoUnit.SECONDS, delay = 250, jitter = 100,
            retryOn = {TokenServiceUnavailable.class, ServiceKeyRefused.class, FaultToleranceException.class})
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public Uni<TokenServiceApi.Permit> permit(String credential, boolean previousTokenRejected) {
        return api.permit(requireKey(), callerId, new TokenServiceApi.PermitRequest(credential, previousTokenRejected))
                .onItemOrFailure().invoke((permit, error) -> keyStatus.answered("permits", error))
                .onFailure(TokenService::unanswered).transform(TokenService::unavailable);
    }

    /**
     * Keeps a submitted access token; a submitter is waiting, so one quick retry at most, then the caller
     * answers 503.
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {CredentialRejected.class, ServiceKeyRefused.class})
    @Retry(maxRetries = 1, delay = 200, retryOn = TokenServiceUnavailable.class)
    public Uni<TokenServiceApi.CredentialResponse> keepCredential(String accessToken) {
        return api.keepCredential(requireKey(), new TokenServiceApi.CredentialRequest(accessToken))
                .onItemOrFailure().invoke((kept, error) -> keyStatus.answered("credentials", error))
                .onFailure(TokenService::unanswered).transform(TokenService::unavailable);
    }

    /**
     * Whether token-service has the managed client, with ingress-api's key for /api/v1/credentials: empty for an unknown
     * client (its 404), an answer that is no fault and leaves the breaker alone; token-service down, failing or refusing
     * our key fails as for {@link #keepCredential}. A caller is waiting: one quick retry at most.
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {CredentialRejected.class, ServiceKeyRefused.class})
    @Retry(maxRetries = 1, delay = 200, retryOn = TokenServiceUnavailable.class)
    public Uni<Optional<TokenServiceApi.ClientConnection>> clientConnection(String clientId) {
        return api.clientConnection(requireKey(), clientId)
                .onItemOrFailure().invoke((answer, error) -> keyStatus.answered("credentials", error))
                // A 200 without a body is no answer: an outage (below), never an unknown client.
                .map(answer -> Optional.of(Objects.requireNonNull(answer, "no body")))
                .onFailure(TokenService::unknownClient).recoverWithItem(Optional.empty())
                .onFailure(TokenService::unanswered).transform(TokenService::unavailable);
    }

    private static boolean unknownClient(Throwable error) {
        return error instanceof CredentialRejected rejected && Integer.valueOf(404).equals(rejected.httpStatus());
    }

    /** No answer at all (connection refused or reset, a timeout): the same as token-service answering 5xx. */
    private static boolean unanswered(Throwable error) {
        return !(error instanceof TaskFailure || error instanceof QuotaWait);
    }

    private static TokenServiceUnavailable unavailable(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        // The type only: a client library's message may quote the request.
        return new TokenServiceUnavailable(null, cause.getClass().getSimpleName());
    }

    /** A fault-tolerance verdict (breaker open, timeout, retries used up) as the outage it stands for. */
    public static Throwable asOutage(Throwable error) {
        return error instanceof FaultToleranceException ? new TokenServiceUnavailable(null, error.getClass().getSimpleName()) : error;
    }

    private String requireKey() {
        if (serviceKey == null) {
            throw new IllegalStateException("SERVICE_API_KEY is not configured");
        }
        return serviceKey;
    }
}
