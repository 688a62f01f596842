package io.reviewfetcher.tokenservice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.ServiceKeyRefused;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether token-service took this service's own key at its latest answer. A refused key is an outage that
 * no retry ends (an operator must fix the key), so it is counted ({@code token_service_key_refused_total},
 * by endpoint) and logged once when it starts, and workers report it as not ready. Only an answer decides:
 * without one (token-service down, 5xx) the key's standing is unknown and the last verdict stays.
 */
@ApplicationScoped
public class ServiceKeyStatus {
    private final AtomicReference<Instant> refusedSince = new AtomicReference<>();
    private final MeterRegistry metrics;

    public ServiceKeyStatus(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /**
     * One answer of token-service's.
     *
     * @param endpoint {@code permits} or {@code credentials}: the metric's tag
     * @param error    the failure the answer became, or null for a success
     */
    void answered(String endpoint, Throwable error) {
        if (error instanceof ServiceKeyRefused) {
            refused(endpoint);
        } else if (error == null || error instanceof QuotaWait || error instanceof CredentialRejected) {
            // Past the key check: token-service took the key and answered about the request itself.
            accepted();
        }
    }

    /** Since when token-service refuses the key, or empty while it takes it (or has not answered yet). */
    public Optional<Instant> refusedSince() {
        return Optional.ofNullable(refusedSince.get());
    }

    private void refused(String endpoint) {
        Counter.builder("token.service.key.refused")
                .description("token-service answers refusing this service's own API key")
                .tag("endpoint", endpoint)
                .register(metrics).increment();
        if (refusedSince.compareAndSet(null, Instant.now())) {
            // The key itself is never logged: only which variable to fix.
            Log.errorf("token-service refuses this service's API key on /api/v1/%s: nothing that needs token-service "
                    + "works until it is fixed (a worker's SERVICE_API_KEY, ingress-api's INGRESS_SERVICE_API_KEY, or "
                    + "token-service's TOKEN_SERVICE_PERMIT_KEYS / TOKEN_SERVICE_CREDENTIAL_KEYS)", endpoint);
        }
    }

    private void accepted() {
        Instant since = refusedSince.getAndSet(null);
        if (since != null) {
            Log.infof("token-service accepts this service's API key again (refused since %s)", since);
        }
    }
}
