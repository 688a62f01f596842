package io.reviewfetcher.tokens.permits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.tokens.clients.ClientMisconfiguredException;
import io.reviewfetcher.tokens.credentials.CredentialRef;
import io.reviewfetcher.tokens.credentials.SubmittedCredentials;
import io.reviewfetcher.tokens.crypto.SecretCipher;
import io.reviewfetcher.tokens.errors.InvalidInputException;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.grants.ManagedTokens;
import io.reviewfetcher.tokens.grants.ReconnectRequiredException;
import io.reviewfetcher.tokens.quota.QuotaBucket;
import io.reviewfetcher.tokens.quota.QuotaDecision;
import io.reviewfetcher.tokens.quota.QuotaUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * One permit = one Google call: resolves the credential first (so a dead credential costs no quota), then
 * takes a token from the shared bucket. Metrics carry no credential, caller or token in their labels.
 */
@ApplicationScoped
public class PermitService {

    private final SubmittedCredentials submitted;
    private final ManagedTokens managed;
    private final QuotaBucket bucket;
    private final Counter granted;
    private final Counter deniedQuota;
    private final Counter rejectedCredential;
    private final Counter misconfiguredClient;
    private final Counter unavailable;
    private final DistributionSummary waits;

    public PermitService(SubmittedCredentials submitted, ManagedTokens managed, QuotaBucket bucket, MeterRegistry registry) {
        this.submitted = submitted;
        this.managed = managed;
        this.bucket = bucket;
        this.granted = Counter.builder("token_service_permits_granted_total").description("Permits handed out").register(registry);
        this.deniedQuota = Counter.builder("token_service_permits_denied_total").tag("reason", "quota")
                .description("Permit requests answered 429 (bucket empty)").register(registry);
        this.rejectedCredential = Counter.builder("token_service_permits_denied_total").tag("reason", "credential")
                .description("Permit requests with an unknown, expired or revoked credential").register(registry);
        this.misconfiguredClient = Counter.builder("token_service_permits_denied_total").tag("reason", "client_misconfigured")
                .description("Permit requests for a client whose OAuth credentials Google refuses (an operator must fix it)")
                .register(registry);
        this.unavailable = Counter.builder("token_service_permits_denied_total").tag("reason", "unavailable")
                .description("Permit requests refused because Redis or PostgreSQL did not answer").register(registry);
        this.waits = DistributionSummary.builder("token_service_permit_wait_ms")
                .description("Waits told to callers on 429 (ms until their reserved token matures)")
                .baseUnit("milliseconds").publishPercentiles(0.5, 0.99).register(registry);
    }

    /** A granted permit: the token to use for exactly one Google call. */
    public record Permit(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Permit[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * @throws InvalidInputException         when the text is not a credential reference
     * @throws CredentialRejectedException   for an unknown, expired (a submitted token) or revoked credential, or a
     *                                       client Google refuses
     * @throws NotFoundException             when {@code client:<id>} names no client
     * @throws QuotaExhaustedException       when the bucket is empty (a token is reserved for the caller)
     * @throws QuotaUnavailableException     when Redis does not answer (fail closed)
     * @throws UnavailableException          when PostgreSQL or Google does not answer
     */
    public Permit take(String credentialText, String callerId, boolean tokenRejected) {
        CredentialRef ref = CredentialRef.parse(credentialText);
        if (ref == null) {
            throw new InvalidInputException("credential", "must be a reference: cred:<id> from POST /api/v1/credentials, or client:<client_id>");
        }
        String caller = callerId == null ? ref.value() : "caller:" + callerId;
        try {
            Permit permit = resolve(ref, tokenRejected);
            QuotaDecision decision = bucket.acquire(caller);
            if (!decision.granted()) {
                deniedQuota.increment();
                waits.record(decision.waitMillis());
                throw new QuotaExhaustedException(decision.waitMillis());
            }
            granted.increment();
            return permit;
        } catch (QuotaUnavailableException | UnavailableException e) {
            unavailable.increment();
            throw e;
        } catch (CredentialRejectedException e) {
            (e.reason() == CredentialRejectedException.Reason.CLIENT_MISCONFIGURED ? misconfiguredClient : rejectedCredential).increment();
            throw e;
        } catch (NotFoundException e) {
            rejectedCredential.increment();
            throw e;
        }
    }

    private Permit resolve(CredentialRef ref, boolean tokenRejected) {
        if (ref instanceof CredentialRef.Submitted s) {
            SubmittedCredentials.Held held;
            try {
                held = submitted.find(s.value()).orElse(null);
            } catch (SecretCipher.SealedValueException e) {
                held = null; // sealed under a key no longer configured: as good as expired
            } catch (RuntimeException e) {
                throw new QuotaUnavailableException(e);
            }
            if (held == null) {
                if (expired(s)) {
                    throw expiredToken();
                }
                throw new CredentialRejectedException(CredentialRejectedException.Reason.UNKNOWN,
                        "the credential is unknown (never kept, revoked, or expired long ago); submit a fresh access token");
            }
            SubmittedCredentials.Recheck recheck = tokenRejected ? submitted.recheck(s.value(), held) : null;
            if (recheck == SubmittedCredentials.Recheck.EXPIRED) {
                throw expiredToken();
            }
            if (recheck == SubmittedCredentials.Recheck.REVOKED) {
                throw new CredentialRejectedException(CredentialRejectedException.Reason.NOT_USABLE,
                        "Google no longer accepts the submitted token; submit a fresh one");
            }
            return new Permit(held.accessToken(), held.expiresAt());
        }
        return managed((CredentialRef.Managed) ref, tokenRejected);
    }

    private boolean expired(CredentialRef.Submitted ref) {
        try {
            return submitted.expired(ref.value());
        } catch (RuntimeException e) {
            throw new QuotaUnavailableException(e);
        }
    }

    /** A submitted token lives an hour at most: a job that outlives it must be submitted again. */
    private static CredentialRejectedException expiredToken() {
        return new CredentialRejectedException(CredentialRejectedException.Reason.EXPIRED,
                "the submitted access token expired; submit the job again with a fresh token, or use a managed client "
                        + "(client_id) for jobs that outlive an access token");
    }

    private Permit managed(CredentialRef.Managed m, boolean tokenRejected) {
        long clientId;
        try {
            clientId = Long.parseLong(m.clientId());
        } catch (NumberFormatException e) {
            throw new NotFoundException("client " + m.clientId());
        }
        try {
            ManagedTokens.Current current = tokenRejected ? managed.replaceRejected(clientId) : managed.valid(clientId);
            return new Permit(current.accessToken(), current.expiresAt());
        } catch (ReconnectRequiredException e) {
            throw new CredentialRejectedException(CredentialRejectedException.Reason.NOT_USABLE, e.getMessage(), clientId);
        } catch (ClientMisconfiguredException e) {
            throw new CredentialRejectedException(CredentialRejectedException.Reason.CLIENT_MISCONFIGURED, e.getMessage());
        }
    }
}
