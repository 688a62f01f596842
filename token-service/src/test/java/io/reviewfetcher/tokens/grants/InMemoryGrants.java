package io.reviewfetcher.tokens.grants;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.tokens.clients.Client;
import io.reviewfetcher.tokens.clients.ClientAttention;
import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.oauth.GoogleOAuth;
import io.reviewfetcher.tokens.storage.Database;
import io.reviewfetcher.tokens.support.ConfigStub;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@link ManagedTokens} over one client and its token row kept in memory, without PostgreSQL: the database
 * counts the transactions each thread has open, and Google's token endpoint is scripted. Tokens are kept in
 * clear (the fakes' "sealed" fields), so a test reads what was stored.
 */
final class InMemoryGrants {

    static final long CLIENT_ID = 7;

    /** Transactions the calling thread has open: the one that calls Google must hold none (nor its connection). */
    private final ThreadLocal<int[]> openOnThisThread = ThreadLocal.withInitial(() -> new int[1]);
    final AtomicInteger transactionsBegun = new AtomicInteger();
    final AtomicInteger googleRefreshes = new AtomicInteger();
    /** Transactions the caller of Google's token endpoint had open meanwhile, the most seen. */
    final AtomicInteger openDuringGoogle = new AtomicInteger();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    private Client client = new Client(CLIENT_ID, "123-test.apps.googleusercontent.com", "GOCSPX-secret",
            "https://example.com/cb", "test", true, null, null, Instant.now(), Instant.now());
    private TokenRepository.Stored row;
    private volatile Supplier<GoogleOAuth.GrantedTokens> google = () -> granted("ya29.fresh");

    final ManagedTokens tokens;

    InMemoryGrants() {
        CountingDatabase database = new CountingDatabase();
        Clients clients = new Clients();
        tokens = new ManagedTokens(database, new Tokens(), clients, new ClientAttention(database, clients, metrics),
                new ScriptedGoogle(), ConfigStub.tokenService(), metrics);
    }

    /** The row as a connected client has it: this access token, expiring at that time. */
    synchronized InMemoryGrants connected(String accessToken, Instant expiresAt) {
        row = new TokenRepository.Stored(CLIENT_ID, accessToken, "1//refresh", expiresAt, true, null,
                Instant.now().minusSeconds(3600), 1);
        return this;
    }

    /** What Google's token endpoint does on the next refreshes. */
    InMemoryGrants google(Supplier<GoogleOAuth.GrantedTokens> answer) {
        this.google = answer;
        return this;
    }

    synchronized TokenRepository.Stored row() {
        return row;
    }

    synchronized Client client() {
        return client;
    }

    /** An operator corrects the client (PATCH /clients/{id}): the mark goes. */
    synchronized void clientCorrected() {
        client = withAttention(null);
    }

    private Client withAttention(String reason) {
        return new Client(client.id(), client.googleClientId(), client.sealedSecret(), client.redirectUri(), client.name(),
                client.active(), reason, reason == null ? null : Instant.now(), client.createdAt(), Instant.now());
    }

    /** Another pod (or a new consent) writes the row. */
    synchronized void writtenElsewhere(String accessToken, Instant expiresAt) {
        row = new TokenRepository.Stored(CLIENT_ID, accessToken, row.sealedRefresh(), expiresAt, true, null, Instant.now(),
                row.version() + 1);
    }

    static GoogleOAuth.GrantedTokens granted(String accessToken) {
        return new GoogleOAuth.GrantedTokens(accessToken, null, 3599, "https://www.googleapis.com/auth/business.manage");
    }

    private static Connection connection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (self, method, args) -> switch (method.getName()) {
                    case "commit", "rollback", "close", "setAutoCommit" -> null;
                    case "toString" -> "InMemoryConnection";
                    default -> throw new UnsupportedOperationException("the fakes do not run SQL: " + method.getName());
                });
    }

    private final class CountingDatabase extends Database {
        CountingDatabase() {
            super(null);
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            transactionsBegun.incrementAndGet();
            openOnThisThread.get()[0]++;
            try {
                return work.run(connection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                openOnThisThread.get()[0]--;
            }
        }
    }

    private final class Tokens extends TokenRepository {
        Tokens() {
            super(null);
        }

        @Override
        public Optional<Stored> find(Connection c, long clientId) {
            synchronized (InMemoryGrants.this) {
                return Optional.ofNullable(row);
            }
        }

        @Override
        public String accessToken(Stored stored) {
            return stored.sealedAccess();
        }

        @Override
        public String refreshToken(Stored stored) {
            return stored.sealedRefresh();
        }

        @Override
        public boolean saveRefreshed(Connection c, long clientId, long version, String accessToken, String refreshToken,
                                     Instant expiresAt, String scope) {
            synchronized (InMemoryGrants.this) {
                if (row.version() != version) {
                    return false;
                }
                row = new Stored(clientId, accessToken, refreshToken == null ? row.sealedRefresh() : refreshToken, expiresAt,
                        true, null, Instant.now(), version + 1);
                return true;
            }
        }

        @Override
        public boolean markInvalid(Connection c, long clientId, long version, String reason) {
            synchronized (InMemoryGrants.this) {
                if (row.version() != version) {
                    return false;
                }
                row = new Stored(clientId, row.sealedAccess(), row.sealedRefresh(), row.expiresAt(), false, reason,
                        Instant.now(), version + 1);
                return true;
            }
        }
    }

    private final class Clients extends ClientRepository {
        Clients() {
            super(null);
        }

        @Override
        public Optional<Client> find(Connection c, long id) {
            synchronized (InMemoryGrants.this) {
                return Optional.ofNullable(id == CLIENT_ID ? client : null);
            }
        }

        @Override
        public String secretOf(Client stored) {
            return stored.sealedSecret();
        }

        @Override
        public void markNeedsAttention(Connection c, long id, String reason) {
            synchronized (InMemoryGrants.this) {
                client = withAttention(reason);
            }
        }

        @Override
        public void clearAttention(Connection c, long id) {
            clientCorrected();
        }
    }

    private final class ScriptedGoogle extends GoogleOAuth {
        ScriptedGoogle() {
            super(ConfigStub.tokenService(), new ObjectMapper());
        }

        @Override
        public GrantedTokens refresh(String clientId, String clientSecret, String refreshToken) {
            googleRefreshes.incrementAndGet();
            openDuringGoogle.accumulateAndGet(openOnThisThread.get()[0], Math::max);
            return google.get();
        }
    }
}
