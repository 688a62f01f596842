package io.reviewfetcher.tokens.storage;

import io.reviewfetcher.tokens.errors.UnavailableException;

/** PostgreSQL, which holds clients, branches, states and tokens, cannot be reached: nothing was read or written. */
public class StorageUnavailableException extends UnavailableException {

    public StorageUnavailableException() {
        super("the credential database is unavailable");
    }
}
