package io.reviewfetcher.google.permits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.function.Function;

/**
 * Waits for a permit before every Google call, in the pod's {@link PermitLine}: at most
 * {@code GOOGLE_CALLS_IN_FLIGHT} calls in flight; permits shared equally between the credentials with calls waiting,
 * then between each credential's jobs, and within a job the most urgent first ({@link CallUrgency}). An empty
 * bucket answers 429 with how long to wait; the line waits that long without holding a thread and asks again. It
 * never gives up on an empty bucket: the quota, not the worker, paces the pipeline.
 *
 * <p>A token-service outage is waited out by {@link TokenService#permit}'s fault tolerance; what is left when
 * that gives up is a {@link io.reviewfetcher.failures.TokenServiceUnavailable}, which the stage routes to a
 * retry like any other failure of the task. Our own key refused is the same kind of outage
 * ({@link io.reviewfetcher.failures.ServiceKeyRefused}, retryable), and {@link ServiceKeyCheck} makes the
 * worker unready while it lasts.
 */
@ApplicationScoped
public class PermitGate {
    static final int DEFAULT_CALLS_IN_FLIGHT = 16;

    private final TokenService tokenService;
    private final PermitLine line;
    private final Timer waits;
    private final MeterRegistry metrics;

    @Inject
    public PermitGate(TokenService tokenService, MeterRegistry metrics,
                      @ConfigProperty(name = "google.calls-in-flight", defaultValue = "16") int callsInFlight) {
        this.tokenService = tokenService;
        this.line = new PermitLine(callsInFlight, (credential, rejected) -> tokenService.permit(credential, rejected)
                .onFailure().transform(TokenService::asOutage)
                .map(TokenServiceApi.Permit::accessToken));
        this.waits = Timer.builder("stage.permit.wait").description("Time spent waiting for a quota permit")
                .register(metrics);
        this.metrics = metrics;
        Gauge.builder("google.calls.in.flight", line, PermitLine::callsInFlight)
                .description("Google calls of this pod in flight, a permit being asked for included").register(metrics);
        Gauge.builder("google.calls.waiting", line, PermitLine::waiting)
                .description("Google calls of this pod waiting for their turn or for the quota").register(metrics);
        Gauge.builder("google.line.credentials", line, PermitLine::credentialsInLine)
                .description("Credentials with calls in this pod's line: each gets an equal share of its permits").register(metrics);
        Gauge.builder("google.line.jobs", line, PermitLine::jobsInLine)
                .description("Jobs with calls in this pod's line: a credential's share is split equally between its jobs")
                .register(metrics);
    }

    public PermitGate(TokenService tokenService, MeterRegistry metrics) {
        this(tokenService, metrics, DEFAULT_CALLS_IN_FLIGHT);
    }

    /** A worker without its token-service key could not make a single call: it does not start. */
    void requireServiceKey(@Observes StartupEvent started) {
        if (!tokenService.configured()) {
            throw new IllegalStateException("SERVICE_API_KEY must be set: it is presented to token-service for every permit");
        }
    }

    /**
     * {@link #callGoogle(String, String, String, int, Function)} for a call that tells how much work there is: first
     * in its job's line.
     */
    public <R> Uni<R> callGoogle(String endpoint, String credential, String jobId, Function<String, Uni<R>> call) {
        return callGoogle(endpoint, credential, jobId, CallUrgency.DISCOVERY, call);
    }

    /**
     * One Google call under a permit. A 401 from Google (the token expired or was revoked between permit
     * and call) earns exactly one more permit, for which token-service hands out a fresh token.
     *
     * @param endpoint   Google's method name, e.g. {@code reviews.list}: the {@code endpoint} tag of
     *                   {@code google_api_calls_seconds}
     * @param credential the OAuth grant the call is made with (one customer): credentials with calls waiting
     *                   share the line equally
     * @param jobId      the job the call is for: the credential's share is split equally between its jobs with
     *                   calls waiting, so a big job cannot starve a small one (null: a job of its own)
     * @param urgency    its place among its job's calls when calls wait ({@link CallUrgency}): higher first
     * @param call       the call, given the {@code Authorization} header value
     */
    public <R> Uni<R> callGoogle(String endpoint, String credential, String jobId, int urgency,
                                 Function<String, Uni<R>> call) {
        return underPermit(endpoint, credential, jobId, urgency, false, call)
                .onFailure(PermitGate::tokenRejectedByGoogle)
                .recoverWithUni(unauthorized -> underPermit(endpoint, credential, jobId, urgency, true, call));
    }

    private <R> Uni<R> underPermit(String endpoint, String credential, String jobId, int urgency,
                                   boolean previousTokenRejected, Function<String, Uni<R>> call) {
        long started = System.nanoTime();
        return line.permit(urgency, credential, jobId, previousTokenRejected)
                .onTermination().invoke(() -> waits.record(Duration.ofNanos(System.nanoTime() - started)))
                .chain(token -> timed(endpoint, Uni.createFrom().deferred(() -> call.apply("Bearer " + token)))
                        .onTermination().invoke(line::release));
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
}
