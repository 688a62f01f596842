package io.reviewfetcher.permits;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reviewfetcher.google.GoogleApiException;
import io.reviewfetcher.stage.StageConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Waits for a permit before every Google call. An empty bucket answers 429 with how long to wait; the gate
 * waits that long (plus a little jitter, so pods do not come back in lock-step) without holding a thread,
 * and asks again. It never gives up on an empty bucket: the quota, not the worker, paces the pipeline.
 */
@ApplicationScoped
public class PermitGate {
    private static final long MAX_WAIT_MS = 10_000;
    private static final Duration TOKEN_SERVICE_OUTAGE = Duration.ofSeconds(90);

    private final TokenServiceApi tokenService;
    private final String serviceApiKey;
    private final String callerId;
    private final Timer waits;
    private final MeterRegistry metrics;

    public PermitGate(@RestClient TokenServiceApi tokenService, StageConfig config, MeterRegistry metrics) {
        this.tokenService = tokenService;
        this.serviceApiKey = config.serviceApiKey();
        this.callerId = config.callerId();
        this.waits = Timer.builder("stage.permit.wait").description("Time spent waiting for a quota permit")
                .register(metrics);
        this.metrics = metrics;
    }

    /**
     * One Google call under a permit. A 401 from Google (the token expired or was revoked between permit
     * and call) earns exactly one more permit, for which token-service hands out a fresh token.
     *
     * @param endpoint Google's method name, e.g. {@code reviews.list}: the {@code endpoint} tag of
     *                 {@code google_api_calls_seconds}
     */
    public <R> Uni<R> callGoogle(String endpoint, String credential, Function<String, Uni<R>> call) {
        return accessToken(credential, false).chain(token -> timed(endpoint, call.apply("Bearer " + token)))
                .onFailure(error -> error instanceof GoogleApiException google && google.httpStatus() == 401)
                .recoverWithUni(unauthorized -> accessToken(credential, true)
                        .chain(token -> timed(endpoint, call.apply("Bearer " + token))));
    }

    /** Latency and outcome of each Google call, by endpoint and HTTP status ({@code io_error} without an answer). */
    private <R> Uni<R> timed(String endpoint, Uni<R> call) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return call.onItemOrFailure().invoke((item, error) -> Timer.builder("google.api.calls")
                    .description("Google API calls by endpoint and HTTP status")
                    .tag("endpoint", endpoint)
                    .tag("status", error == null ? "200"
                            : error instanceof GoogleApiException google ? Integer.toString(google.httpStatus()) : "io_error")
                    .publishPercentileHistogram()
                    .register(metrics)
                    .record(Duration.ofNanos(System.nanoTime() - started)));
        });
    }

    /** The access token for exactly one Google call, once the quota allows it. */
    private Uni<String> accessToken(String credential, boolean previousTokenRejected) {
        long started = System.nanoTime();
        return ask(new TokenServiceApi.PermitRequest(credential, previousTokenRejected))
                .onTermination().invoke(() -> waits.record(Duration.ofNanos(System.nanoTime() - started)));
    }

    private Uni<String> ask(TokenServiceApi.PermitRequest request) {
        return tokenService.permit(serviceApiKey, callerId, request)
                // token-service restarting or its Redis away: no Google call can happen anyway, so the task
                // waits here rather than spend its retries (and reach the dead-letter topic) in seconds.
                .onFailure(PermitGate::tokenServiceDown).retry()
                .withBackOff(Duration.ofMillis(250), Duration.ofSeconds(5)).expireIn(TOKEN_SERVICE_OUTAGE.toMillis())
                .map(TokenServiceApi.Permit::access_token)
                .onFailure(PermitErrorMapper.QuotaWait.class).recoverWithUni(wait -> {
                    long waitMs = Math.min(MAX_WAIT_MS, ((PermitErrorMapper.QuotaWait) wait).waitMs())
                            + ThreadLocalRandom.current().nextLong(0, 20);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(waitMs))
                            .chain(() -> ask(request));
                });
    }

    private static boolean tokenServiceDown(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PermitErrorMapper.TokenServiceUnavailable || cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
