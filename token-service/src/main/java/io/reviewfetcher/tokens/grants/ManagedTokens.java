package io.reviewfetcher.tokens.grants;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.clients.Client;
import io.reviewfetcher.tokens.clients.ClientAttention;
import io.reviewfetcher.tokens.clients.ClientMisconfiguredException;
import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.oauth.GoogleOAuth;
import io.reviewfetcher.tokens.oauth.GoogleOAuthException;
import io.reviewfetcher.tokens.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth tokens of managed clients: kept sealed in PostgreSQL ({@link TokenRepository}), handed out valid,
 * refreshed shortly before they expire. A refresh calls Google outside any transaction, so a slow token
 * endpoint holds neither a pooled connection nor the row: short transactions read the row before and store
 * the new token after, and the store is an optimistic check (the row's {@code version}), so a refresh never
 * overwrites a newer one. In a pod, callers that ask at once share one refresh ({@link RefreshFlights}).
 */
@ApplicationScoped
public class ManagedTokens {

    /** A refresh that fails for a passing reason still hands out the current token while it has this much left. */
    private static final Duration STILL_USABLE = Duration.ofSeconds(30);
    /** Reports of a rejected token this soon after the row was written were answered by that write. */
    private static final Duration REJECTION_ANSWERED_WITHIN = Duration.ofSeconds(30);
    /** A Google call ends within about 10 s (GoogleOAuth's fault tolerance); a waiter gives up well after. */
    private static final Duration FLIGHT_PATIENCE = Duration.ofSeconds(30);

    private final Database database;
    private final TokenRepository tokens;
    private final ClientRepository clients;
    private final ClientAttention attention;
    private final GoogleOAuth google;
    private final Duration refreshBefore;
    private final MeterRegistry metrics;
    private final RefreshFlights flights = new RefreshFlights(FLIGHT_PATIENCE);

    public ManagedTokens(Database database, TokenRepository tokens, ClientRepository clients, ClientAttention attention,
                         GoogleOAuth google, TokenServiceConfig config, MeterRegistry metrics) {
        this.database = database;
        this.tokens = tokens;
        this.clients = clients;
        this.attention = attention;
        this.google = google;
        this.refreshBefore = config.oauth().refreshBefore();
        this.metrics = metrics;
    }

    /** A usable access token and its expiry. */
    public record Current(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Current[expiresAt=" + expiresAt + "]";
        }
    }

    /** Why a refresh is asked for: each decides differently whether the stored token already answers it. */
    private enum Need {
        /** The token expires within the refresh margin. */
        EXPIRING,
        /** A worker saw Google refuse the token before its expiry. */
        REJECTED,
        /** An operator asked for a refresh now. */
        FORCED
    }

    /** A client and its token row, read together in one short transaction. */
    private record Grant(Client client, TokenRepository.Stored row) {
    }

    /**
     * A valid access token of the client, refreshed first when it expires within the refresh margin.
     *
     * @throws NotFoundException           for an unknown client
     * @throws UnavailableException        when Google or the database cannot be reached
     * @throws ReconnectRequiredException  when only a new consent can help
     * @throws ClientMisconfiguredException when Google refuses the client's own credentials: an operator must fix them
     */
    public Current valid(long clientId) {
        Grant grant = load(clientId);
        if (!grant.client().active()) {
            throw new ReconnectRequiredException(clientId, "inactive", "client " + clientId + " is deactivated");
        }
        requireUsable(clientId, grant.row());
        if (fresh(grant.row())) {
            return current(grant.row());
        }
        return refresh(clientId, Need.EXPIRING);
    }

    /**
     * A worker reports that Google refused the current token before its expiry (revoked access token, forced
     * expiry): refresh it, unless another caller's report already did within the last 30 s.
     */
    public Current replaceRejected(long clientId) {
        return refresh(clientId, Need.REJECTED);
    }

    /** Refreshes now ({@code force}), or only when the token expires within the refresh margin. */
    public Current refresh(long clientId, boolean force) {
        return refresh(clientId, force ? Need.FORCED : Need.EXPIRING);
    }

    private Current refresh(long clientId, Need need) {
        return flights.join(clientId, () -> refreshOnce(clientId, need));
    }

    /**
     * Reads the row, calls Google with no transaction open, stores the result if the row did not change
     * meanwhile. A row that changed (another pod refreshed, the business reconnected) is the answer instead.
     */
    private Current refreshOnce(long clientId, Need need) {
        Grant grant = load(clientId);
        TokenRepository.Stored row = grant.row();
        requireUsable(clientId, row);
        if (need == Need.EXPIRING && fresh(row)) {
            return current(row); // refreshed while this caller waited for its turn
        }
        if (need == Need.REJECTED && row.updatedAt().isAfter(Instant.now().minus(REJECTION_ANSWERED_WITHIN))) {
            return current(row);
        }
        if (grant.client().needsAttention()) {
            // Google refused this client's own credentials before: asking again gets the same answer until an operator acts.
            throw new ClientMisconfiguredException(clientId, grant.client().attentionReason());
        }
        if (!row.hasRefreshToken()) {
            return invalidate(row, "no_refresh_token",
                    "client " + clientId + " has no refresh token; the business must reconnect");
        }
        GoogleOAuth.GrantedTokens granted;
        try {
            granted = google.refresh(grant.client().googleClientId(), clients.secretOf(grant.client()), tokens.refreshToken(row));
        } catch (GoogleOAuthException e) {
            return refused(row, need, e);
        }
        Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
        boolean saved = database.inTransaction(c -> tokens.saveRefreshed(c, clientId, row.version(), granted.accessToken(),
                granted.refreshToken(), expiresAt, granted.scope()));
        if (!saved) {
            // Ours is valid too, but the stored one is newer or from a new consent: every caller gets the stored one.
            Log.debugf("The row of client %d changed during its refresh; the stored token stands", clientId);
            return storedNow(clientId);
        }
        count("success");
        Log.infof("Refreshed the access token of client %d; it expires at %s", clientId, expiresAt);
        return new Current(granted.accessToken(), expiresAt);
    }

    private Current refused(TokenRepository.Stored row, Need need, GoogleOAuthException e) {
        long clientId = row.clientId();
        if (e.isInvalidGrant()) {
            count("invalid_grant");
            Log.warnf("Refresh of client %d refused by Google (invalid_grant): marked invalid, the business must reconnect", clientId);
            return invalidate(row, "invalid_grant",
                    "Google refused the refresh token of client " + clientId + " (revoked or expired); the business must reconnect");
        }
        if (e.isClientRefused()) {
            count(e.error());
            throw attention.refused(clientId, e.error());
        }
        count("error");
        Log.warnf("Refresh of client %d failed: %s (status %d)", clientId, e.getMessage(), e.status());
        // The current token is an answer only to a refresh ahead of its expiry: Google refused it to whoever reported it.
        if (need == Need.EXPIRING && row.expiresAt().isAfter(Instant.now().plus(STILL_USABLE))) {
            return current(row);
        }
        throw new UnavailableException("Google's token endpoint failed (" + e.error() + "); try again shortly");
    }

    /** Marks the grant dead, unless the row changed since it was read: then the new state answers. */
    private Current invalidate(TokenRepository.Stored row, String reason, String detail) {
        boolean marked = database.inTransaction(c -> tokens.markInvalid(c, row.clientId(), row.version(), reason));
        if (!marked) {
            return storedNow(row.clientId());
        }
        throw new ReconnectRequiredException(row.clientId(), reason, detail);
    }

    /** The token as stored now, or why there is none to hand out. */
    private Current storedNow(long clientId) {
        TokenRepository.Stored row = load(clientId).row();
        requireUsable(clientId, row);
        return current(row);
    }

    private Grant load(long clientId) {
        return database.inTransaction(c -> {
            Client client = clients.find(c, clientId).orElseThrow(() -> unknownClient(clientId));
            return new Grant(client, tokens.find(c, clientId).orElse(null));
        });
    }

    private boolean fresh(TokenRepository.Stored row) {
        return row.expiresAt().isAfter(Instant.now().plus(refreshBefore));
    }

    private Current current(TokenRepository.Stored row) {
        return new Current(tokens.accessToken(row), row.expiresAt());
    }

    /**
     * Keeps what the code exchange granted (an answer without refresh token keeps the one held before). Google
     * took the client's credentials to grant it, so a mark of them as refused goes.
     *
     * @return when the access token expires
     */
    public Instant store(long clientId, GoogleOAuth.GrantedTokens granted) {
        Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
        database.inTransaction(c -> {
            tokens.store(c, clientId, granted.accessToken(), granted.refreshToken(), expiresAt, granted.scope());
            clients.clearAttention(c, clientId);
            return null;
        });
        return expiresAt;
    }

    /**
     * Revokes the client's grant at Google and forgets its tokens.
     *
     * @return false when there was nothing to revoke
     * @throws UnavailableException when Google's revoke endpoint fails (the tokens are kept)
     */
    public boolean revoke(long clientId) {
        TokenRepository.Stored row = database.inTransaction(c -> tokens.find(c, clientId).orElse(null));
        if (row == null) {
            return false;
        }
        String token = row.hasRefreshToken() ? tokens.refreshToken(row) : tokens.accessToken(row);
        try {
            boolean wasAlive = google.revoke(token);
            Log.infof("Revoked the grant of client %d at Google (%s)", clientId, wasAlive ? "was alive" : "was already dead");
        } catch (GoogleOAuthException e) {
            throw new UnavailableException("Google's revoke endpoint failed (" + e.error() + "); the tokens are kept, try again");
        }
        database.inTransaction(c -> tokens.delete(c, clientId));
        return true;
    }

    /** The grant's state without any token. */
    public TokenStatus status(long clientId) {
        return database.inTransaction(c -> {
            clients.find(c, clientId).orElseThrow(() -> unknownClient(clientId));
            return tokens.status(c, clientId).orElseGet(() ->
                    new TokenStatus(clientId, false, false, null, false, null, "not_connected", 0, null, null));
        });
    }

    /**
     * Whether the client can have access tokens minted now: active, its own credentials not refused by Google, and a
     * grant that is still valid and holds a refresh token. Reads only; no token leaves this method.
     *
     * @throws NotFoundException for an unknown client
     */
    public boolean connected(long clientId) {
        Grant grant = load(clientId);
        TokenRepository.Stored row = grant.row();
        return grant.client().active() && !grant.client().needsAttention()
                && row != null && row.valid() && row.hasRefreshToken();
    }

    private static void requireUsable(long clientId, TokenRepository.Stored row) {
        if (row == null) {
            throw new ReconnectRequiredException(clientId, "not_connected",
                    "client " + clientId + " has no token yet; the business must complete the OAuth flow");
        }
        if (!row.valid()) {
            throw new ReconnectRequiredException(clientId, row.invalidReason() == null ? "invalid" : row.invalidReason(),
                    "the grant of client " + clientId + " is no longer valid (" + row.invalidReason() + "); the business must reconnect");
        }
    }

    private static NotFoundException unknownClient(long clientId) {
        return new NotFoundException("client " + clientId);
    }

    private void count(String outcome) {
        metrics.counter("token_service_token_refreshes_total", "outcome", outcome).increment();
    }
}
