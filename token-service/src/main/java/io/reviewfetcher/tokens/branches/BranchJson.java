package io.reviewfetcher.tokens.branches;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The JSON of {@code /branches}: a business location, its Google ids and its manager's email. */
public final class BranchJson {

    static final String BRANCH_ID = "[A-Za-z0-9._-]{1,100}";
    static final String ACCOUNT_ID = "(accounts/)?[A-Za-z0-9_-]{1,64}";
    static final String LOCATION_ID = "(locations/)?[A-Za-z0-9_-]{1,64}";

    private BranchJson() {
    }

    public record Create(
            @JsonProperty("branch_id") @NotBlank @Pattern(regexp = BRANCH_ID, message = "must be 1-100 letters, digits, '.', '_' or '-'")
            String branchId,
            @JsonProperty("client_id") @NotNull @Positive
            Long clientId,
            @JsonProperty("branch_name") @NotBlank @Size(max = 255)
            String branchName,
            @JsonProperty("account_id") @Pattern(regexp = ACCOUNT_ID, message = "must be a Google account id (123 or accounts/123)")
            String accountId,
            @JsonProperty("location_id") @Pattern(regexp = LOCATION_ID, message = "must be a Google location id (456 or locations/456)")
            String locationId,
            @JsonProperty("email") @Email @Size(max = 320)
            String email,
            @JsonProperty("description") @Size(max = 1000)
            String description) {

        Branch.Fields fields() {
            return new Branch.Fields(branchId, clientId, branchName, accountId, locationId, email, description, null);
        }
    }

    /** PATCH: absent or null fields stay as they are. */
    public record Update(
            @JsonProperty("branch_id") @Pattern(regexp = BRANCH_ID, message = "must be 1-100 letters, digits, '.', '_' or '-'")
            String branchId,
            @JsonProperty("client_id") @Positive
            Long clientId,
            @JsonProperty("branch_name") @Size(min = 1, max = 255)
            String branchName,
            @JsonProperty("account_id") @Pattern(regexp = ACCOUNT_ID, message = "must be a Google account id (123 or accounts/123)")
            String accountId,
            @JsonProperty("location_id") @Pattern(regexp = LOCATION_ID, message = "must be a Google location id (456 or locations/456)")
            String locationId,
            @JsonProperty("email") @Email @Size(max = 320)
            String email,
            @JsonProperty("description") @Size(max = 1000)
            String description,
            @JsonProperty("is_active") Boolean active) {

        Branch.Fields fields() {
            return new Branch.Fields(branchId, clientId, branchName, accountId, locationId, email, description, active);
        }
    }

    public record View(
            long id,
            @JsonProperty("branch_id") String branchId,
            @JsonProperty("client_id") long clientId,
            @JsonProperty("branch_name") String branchName,
            @JsonProperty("account_id") String accountId,
            @JsonProperty("location_id") String locationId,
            String email,
            String description,
            @JsonProperty("is_active") boolean active,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static View of(Branch b) {
            return new View(b.id(), b.branchId(), b.clientId(), b.branchName(), b.accountId(), b.locationId(), b.email(),
                    b.description(), b.active(), b.createdAt(), b.updatedAt());
        }
    }
}
