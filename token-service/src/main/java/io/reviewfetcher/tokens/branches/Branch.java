package io.reviewfetcher.tokens.branches;

import java.time.Instant;

/** A business location under a client: its own id, its Google ids and its manager's email, as stored. */
public record Branch(long id, String branchId, long clientId, String branchName, String accountId, String locationId,
                     String email, String description, boolean active, Instant createdAt, Instant updatedAt) {

    /** The fields a create or an update sets; on an update, null fields stay as they are. */
    public record Fields(String branchId, Long clientId, String branchName, String accountId, String locationId,
                         String email, String description, Boolean active) {
    }
}
