package io.reviewfetcher.tokens.clients;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Clients whose own OAuth credentials Google refuses: a configuration error that waiting does not end. The
 * client is marked (visible as {@code needs_attention} in {@code /clients}), counted
 * ({@code token_service_clients_misconfigured_total{error}}) and logged at ERROR with its id and Google's
 * error code only, never its secret; its permits then answer a permanent {@code client-misconfigured}.
 */
@ApplicationScoped
public class ClientAttention {

    private final Database database;
    private final ClientRepository clients;
    private final MeterRegistry metrics;

    public ClientAttention(Database database, ClientRepository clients, MeterRegistry metrics) {
        this.database = database;
        this.clients = clients;
        this.metrics = metrics;
    }

    /**
     * Google's token endpoint refused the client with {@code error} ({@code invalid_client} or
     * {@code unauthorized_client}).
     *
     * @return the refusal to answer with
     */
    public ClientMisconfiguredException refused(long clientId, String error) {
        database.inTransaction(c -> {
            clients.markNeedsAttention(c, clientId, error);
            return null;
        });
        metrics.counter("token_service_clients_misconfigured_total", "error", error).increment();
        Log.errorf("Google's token endpoint refuses the OAuth credentials of client %d (%s): marked as needing attention; "
                + "its jobs fail with client-misconfigured until an operator corrects its client_id or client_secret "
                + "(PATCH /clients/%d)", clientId, error, clientId);
        return new ClientMisconfiguredException(clientId, error);
    }
}
