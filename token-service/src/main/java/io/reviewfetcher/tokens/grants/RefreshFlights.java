package io.reviewfetcher.tokens.grants;

import io.reviewfetcher.tokens.errors.UnavailableException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * At most one refresh per client in flight in this pod: a caller that comes while one runs waits for its
 * outcome (the token, or the same refusal) instead of calling Google again, and holds no database connection
 * while it waits. Pods do not share flights; the optimistic check on the token row settles between them.
 */
final class RefreshFlights {

    private final ConcurrentHashMap<Long, CompletableFuture<ManagedTokens.Current>> flights = new ConcurrentHashMap<>();
    private final Duration patience;

    /** @param patience how long a caller waits for another's flight (a Google call is bounded well below it) */
    RefreshFlights(Duration patience) {
        this.patience = patience;
    }

    /** The outcome of the client's flight in progress, or of {@code refresh}, run now by this caller. */
    ManagedTokens.Current join(long clientId, Supplier<ManagedTokens.Current> refresh) {
        CompletableFuture<ManagedTokens.Current> mine = new CompletableFuture<>();
        CompletableFuture<ManagedTokens.Current> running = flights.putIfAbsent(clientId, mine);
        if (running != null) {
            return await(running);
        }
        try {
            ManagedTokens.Current current = refresh.get();
            mine.complete(current);
            return current;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(clientId, mine);
        }
    }

    private ManagedTokens.Current await(CompletableFuture<ManagedTokens.Current> flight) {
        try {
            return flight.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The flight's own refusal (reconnect, unavailable…): stackless and free of secrets, so shared as it is.
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new UnavailableException("the refresh of the client's token failed; try again shortly");
        } catch (TimeoutException e) {
            throw new UnavailableException("the refresh of the client's token is taking long; try again shortly");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the refresh of the client's token");
        }
    }
}
