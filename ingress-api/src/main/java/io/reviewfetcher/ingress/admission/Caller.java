package io.reviewfetcher.ingress.admission;

import java.util.HashSet;
import java.util.Set;

/**
 * The holder of a caller key, as {@link CallerKeys} knows it: the clients its key is valid for (every client for a
 * {@code *} key), and the key's {@code subject}, a digest that names it in the admission counters without being it.
 */
public record Caller(String subject, boolean everyClient, Set<String> clients) {

    public Caller {
        clients = Set.copyOf(clients);
    }

    static Caller ofEveryClient(String subject) {
        return new Caller(subject, true, Set.of());
    }

    /** Whether this key may submit jobs for the client, and create, read, change or delete its schedules. */
    public boolean allows(String clientId) {
        return everyClient || clients.contains(clientId);
    }

    /** Fails with {@link ClientNotAllowed} unless this key is valid for the client. */
    public void requireClient(String clientId) {
        if (!allows(clientId)) {
            throw new ClientNotAllowed(clientId);
        }
    }

    /** The same key listed twice: valid for the clients of both entries. */
    Caller merge(Caller other) {
        if (everyClient || other.everyClient) {
            return ofEveryClient(subject);
        }
        Set<String> both = new HashSet<>(clients);
        both.addAll(other.clients);
        return new Caller(subject, false, both);
    }
}
