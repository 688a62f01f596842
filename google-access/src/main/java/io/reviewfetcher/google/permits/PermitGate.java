package io.reviewfetcher.google.permits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Waits for a permit before every Google call. An empty bucket answers 429 with how long to wait; the gate
 * waits that long (at most {@value #MAX_WAIT_MS} ms, plus a little jitter, so pods do not come back in
 * lock-step) without holding a thread, and asks again. It never gives up on an empty bucket: the quota, not
 * the worker, paces the pipeline.
 *
 * <p>A token-service outage is waited out by {@link TokenService#permit}'s fault tolerance; what is left when
 * that gives up is a {@link io.reviewfetcher.failures.TokenServiceUnavailable}, which the stage routes to a
 * retry like any other failure of the task. Our own key refused is the same kind of outage
 * ({@link io.reviewfetcher.failures.ServiceKeyRefused}, retryable), and {@link ServiceKeyCheck} makes the
 * worker unready while it lasts.
 */
@ApplicationScoped
public class PermitGate {
    static final long MAX_WAIT_MS = 10_000;
    private static final long MAX_JITTER_MS = 20;

    private final TokenService tokenService;
    private final Timer waits;
    private final MeterRegistry metrics;

    public PermitGate(TokenService tokenService, MeterRegistry metrics) {
        this.tokenService = tokenService;
        this.waits = Timer.builder("stage.permit.wait").description("Time spent waiting for a quota permit")
                .register(metrics);
        this.metrics = metrics;
    }

    /** A worker without its token-service key could not make a single call: it does not start. */
    void requireServiceKey(@Observes StartupEvent started) {
        if (!tokenService.configured()) {
            throw new IllegalStateException("SERVICE_API_KEY must be set: it is presented to token-service for every permit");
        }
    }

    /**
     * One Google call under a permit. A 401 from Google (the token expired or was revoked between permit
     * and call) earns exactly one more permit, for which token-service hands out a fresh token.
     *
     * @param endpoint Google's method name, e.g. {@code reviews.list}: the {@code endpoint} tag of
     *                 {@code google_api_calls_seconds}
     * @param call     the call, given the {@code Authorization} header value
     */
    public <R> Uni<R> callGoogle(String endpoint, String credential, Function<String, Uni<R>> call) {
        return accessToken(credential, false).chain(token -> timed(endpoint, call.apply("Bearer " + token)))
                .onFailure(PermitGate::tokenRejectedByGoogle)
                .recoverWithUni(unauthorized -> accessToken(credential, true)
                        .chain(token -> timed(endpoint, call.apply("Bearer " + token))));
    }

    private static boolean tokenRejectedByGoogle(Throwable error) {
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        return google != null && Integer.valueOf(401).equals(google.httpStatus());
    }

    /** Latency and outcome of each Google call, by endpoint and HTTP status ({@code io_error} without an answer). */
    private <R> Uni<R> timed(String endpoint, Uni<R> call) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return call.onItemOrFailure().invoke((item, error) -> Timer.builder("google.api.calls")
                    .description("Google API calls by endpoint and HTTP status")
                    .tag("endpoint", endpoint)
                    .tag("status", status(error))
                    .publishPercentileHistogram()
                    .register(metrics)
                    .record(Duration.ofNanos(System.nanoTime() - started)));
        });
    }

    private static String status(Throwable error) {
        if (error == null) {
            return "200";
        }
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        return google != null ? Integer.toString(google.httpStatus()) : "io_error";
    }

    /** The access token for exactly one Google call, once the quota allows it. */
    private Uni<String> accessToken(String credential, boolean previousTokenRejected) {
        long started = System.nanoTime();
        return ask(credential, previousTokenRejected)
                .onTermination().invoke(() -> waits.record(Duration.ofNanos(System.nanoTime() - started)));
    }

    private Uni<String> ask(String credential, boolean previousTokenRejected) {
        return tokenService.permit(credential, previousTokenRejected)
                .onFailure().transform(TokenService::asOutage)
                .map(TokenServiceApi.Permit::accessToken)
                .onFailure(QuotaWait.class).recoverWithUni(wait -> {
                    long waitMs = Math.min(MAX_WAIT_MS, ((QuotaWait) wait).waitMs())
                            + ThreadLocalRandom.current().nextLong(0, MAX_JITTER_MS);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMs))
                            .chain(() -> ask(credential, previousTokenRejected));
                });
    }
}
