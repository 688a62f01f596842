package io.reviewfetcher.emulator.admin;

import io.reviewfetcher.emulator.quota.ProjectQuota;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/**
 * The project quota at run time: a system test can, say, drop to 0 ("not yet approved") mid-run
 * without restarting. {@code POST /emulator/reset} returns to QUOTA_QPM.
 */
@Path("/emulator/quota")
public class QuotaResource {

    /** {@code qpm}: calls per rolling 60 s; 0 = every call 429s; negative = no quota. */
    public record QuotaSetting(long qpm) {
    }

    private final ProjectQuota quota;

    public QuotaResource(ProjectQuota quota) {
        this.quota = quota;
    }

    @GET
    public QuotaSetting current() {
        return new QuotaSetting(quota.limit());
    }

    @PUT
    public QuotaSetting change(QuotaSetting setting) {
        if (setting == null) {
            throw new IllegalArgumentException("body {\"qpm\": n} required");
        }
        quota.setLimit(setting.qpm());
        return current();
    }
}
