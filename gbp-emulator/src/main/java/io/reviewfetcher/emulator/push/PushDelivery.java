package io.reviewfetcher.emulator.push;

import io.quarkus.logging.Log;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.faults.PushFaultRules;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pub/Sub's push delivery: POSTs each message to the endpoint with a fresh OIDC token, at least once. A non-2xx
 * answer, a connection error or no answer within the ack deadline is retried with backoff until a 2xx or the
 * retention ends. Nothing here blocks the caller: attempts run on Vert.x's event loop, waits are its timers.
 * The push faults apply here: drops, a second delivery, a delay, a reorder window and badly signed tokens.
 */
@ApplicationScoped
public class PushDelivery {

    /** Pub/Sub's user agent on pushes. */
    static final String USER_AGENT = "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)";

    /** One delivery of one message: the first, or the duplicate the fault adds after it. */
    private record Track(PushLog.Entry entry, boolean duplicate, AtomicInteger failures) {
        Track(PushLog.Entry entry, boolean duplicate) {
            this(entry, duplicate, new AtomicInteger());
        }
    }

    private final Vertx vertx;
    private final WebClient client;
    private final Optional<String> endpoint;
    private final String audience;
    private final long ackDeadlineMs;
    private final PushRetry retry;
    private final PushSigner signer;
    private final PushLog log;
    private final FaultState faults;
    private final EmulatorClock clock;
    private final ReorderWindow<Track> reorderWindow = new ReorderWindow<>();

    public PushDelivery(Vertx vertx, EmulatorConfig config, PushSigner signer, PushLog log, FaultState faults,
                        EmulatorClock clock) {
        this.vertx = vertx;
        this.endpoint = config.push().endpoint().filter(url -> !url.isBlank());
        this.audience = config.push().audience().filter(a -> !a.isBlank()).orElse(endpoint.orElse(""));
        this.ackDeadlineMs = config.push().ackDeadline().toMillis();
        this.retry = PushRetry.of(config.push());
        this.signer = signer;
        this.log = log;
        this.faults = faults;
        this.clock = clock;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent(USER_AGENT).setFollowRedirects(false));
    }

    /** Whether a push endpoint is configured; without one nothing is published. */
    public boolean enabled() {
        return endpoint.isPresent();
    }

    public Optional<String> endpoint() {
        return endpoint;
    }

    /**
     * Publishes the message: logs it and starts its delivery, unless the drop fault takes it. Returns at once: the
     * attempts (signing included) run on Vert.x, not on the caller's thread.
     */
    public void deliver(PushMessage message) {
        PushFaultRules rules = faults.current().push();
        boolean drop = rules.drops(ThreadLocalRandom.current());
        PushLog.Entry entry = log.published(message, drop);
        if (drop) {
            return;
        }
        Track track = new Track(entry, false);
        if (rules.reorders()) {
            if (reorderWindow.hold(track)) {
                vertx.setTimer(rules.reorderWindowMs(), id -> releaseWindow());
            }
        } else {
            vertx.runOnContext(() -> background(firstAttempt(track)));
        }
    }

    /** The window's messages go out one after the other, each once the previous one's first attempt is answered. */
    private void releaseWindow() {
        List<Track> shuffled = reorderWindow.close(ThreadLocalRandom.current());
        background(Multi.createFrom().iterable(shuffled).onItem().transformToUniAndConcatenate(this::firstAttempt)
                .collect().last());
    }

    private Uni<Void> firstAttempt(Track track) {
        long delay = faults.current().push().delayMs(ThreadLocalRandom.current());
        return delay == 0 ? attempt(track) : after(delay).chain(() -> attempt(track));
    }

    private Uni<Void> attempt(Track track) {
        if (!log.current(track.entry())) {
            return Uni.createFrom().voidItem();
        }
        String token = signer.sign(audience, faults.current().push().badSignature());
        return client.postAbs(endpoint.orElseThrow())
                .putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + token)
                .putHeader(HttpHeaders.CONTENT_TYPE.toString(), "application/json")
                .timeout(ackDeadlineMs)
                .sendBuffer(Buffer.buffer(track.entry().message().envelope()))
                .map(HttpResponse::statusCode)
                .onFailure().recoverWithItem(0)
                .invoke(status -> answered(track, status))
                .replaceWithVoid();
    }

    private void answered(Track track, int status) {
        PushLog.Entry entry = track.entry();
        boolean acknowledged = status >= 200 && status < 300;
        boolean first = log.attempted(entry, acknowledged, clock.now());
        if (acknowledged) {
            if (first && faults.current().push().duplicates(ThreadLocalRandom.current())) {
                // As when an acknowledgement is lost: Pub/Sub delivers the same message again.
                log.duplicated(entry);
                background(firstAttempt(new Track(entry, true)));
            }
            return;
        }
        Duration wait = retry.backoff(track.failures().incrementAndGet());
        if (retry.givesUp(entry.message().publishTime(), clock.now(), wait)) {
            if (!track.duplicate()) {
                log.gaveUp(entry);
                Log.warnf("Push of message %s given up after %d attempts (last status %d)",
                        entry.message().messageId(), track.failures().get(), status);
            }
            return;
        }
        vertx.setTimer(Math.max(1, wait.toMillis()), id -> background(attempt(track)));
    }

    private Uni<Void> after(long millis) {
        return Uni.createFrom().emitter(e -> vertx.setTimer(Math.max(1, millis), id -> e.complete(null)));
    }

    private static void background(Uni<?> work) {
        work.subscribe().with(done -> { }, failure -> Log.error("Push delivery failed", failure));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
