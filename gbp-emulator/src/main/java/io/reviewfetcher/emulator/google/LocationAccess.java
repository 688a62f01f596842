package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.data.Account;
import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.data.Location;
import io.reviewfetcher.emulator.faults.FaultState;
import jakarta.enterprise.context.ApplicationScoped;

/** Resolves {@code accounts/{a}} and {@code accounts/{a}/locations/{l}} as the demo user may reach them. */
@ApplicationScoped
public class LocationAccess {

    /** A location reached through one of the accounts that lists it. */
    public record Reached(Account account, Location location) {
        public String v4Name() {
            return location.v4Name(account.id());
        }
    }

    private final DataSet data;
    private final FaultState faults;
    private final GoogleErrors errors;

    public LocationAccess(DataSet data, FaultState faults, GoogleErrors errors) {
        this.data = data;
        this.faults = faults;
        this.errors = errors;
    }

    public Account account(String accountId) {
        return data.account(accountId).orElseThrow(errors::notFound);
    }

    /**
     * The location, if the account lists it: 404 otherwise or when faulted so, 403 when faulted
     * so, and (when {@code forReviews}) 400 FAILED_PRECONDITION for an unverified location.
     */
    public Reached location(String accountId, String locationId, boolean forReviews) {
        Account account = account(accountId);
        Location location = data.location(locationId)
                .filter(l -> l.accountIds().contains(account.id()))
                .orElseThrow(errors::notFound);
        FaultState.Compiled fault = faults.current();
        if (fault.notFound().contains(locationId)) {
            throw errors.notFound();
        }
        if (fault.forbidden().contains(locationId)) {
            throw errors.permissionDenied();
        }
        if (forReviews && !location.verified()) {
            throw errors.failedPrecondition();
        }
        return new Reached(account, location);
    }
}
