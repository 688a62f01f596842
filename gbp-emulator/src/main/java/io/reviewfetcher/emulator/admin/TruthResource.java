package io.reviewfetcher.emulator.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reviewfetcher.emulator.config.EmulatorConfig;

import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.data.Location;
import io.reviewfetcher.emulator.data.LocationReviews;
import io.reviewfetcher.emulator.data.ReviewOrder;
import io.reviewfetcher.emulator.google.ReviewPages;
import io.reviewfetcher.emulator.google.model.ReviewJson;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;

/**
 * The ground truth a complete fetch must deliver: every account, location and review, as the data
 * set holds it right now (after any admin changes). Review names use the location's owning account;
 * through another account that lists a shared location the same review has that account in its name.
 */
@Path("/emulator/truth")
public class TruthResource {

    public record Truth(long seed, Totals totals, List<AccountTruth> accounts, List<LocationTruth> locations) {
    }

    /** {@code reviews} counts every review; {@code fetchableReviews} those of verified locations. */
    public record Totals(int accounts, int locations, int verifiedLocations, long reviews, long fetchableReviews) {
    }

    public record AccountTruth(String name, String accountName, String type, List<String> locations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LocationTruth(String name, String v4Name, String title, List<String> accounts, boolean verified,
                                int totalReviewCount, Double averageRating, List<ReviewTruth> reviews) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewTruth(String name, String reviewId, String starRating, String createTime, String updateTime,
                              Boolean hasComment, Boolean hasReply) {
    }

    private final DataSet data;
    private final long seed;

    public TruthResource(DataSet data, EmulatorConfig config) {
        this.data = data;
        this.seed = config.seed();
    }

    /** @param withReviews false leaves out the per-review lists (counts stay) */
    @GET
    public Truth truth(@QueryParam("reviews") @DefaultValue("true") boolean withReviews) {
        List<AccountTruth> accounts = data.accounts().stream()
                .map(a -> new AccountTruth(a.name(), a.accountName(), a.type(),
                        a.locationIds().stream().map(id -> "accounts/" + a.id() + "/locations/" + id).toList()))
                .toList();
        List<LocationTruth> locations = data.locations().stream().map(l -> location(l, withReviews)).toList();
        long reviews = locations.stream().mapToLong(LocationTruth::totalReviewCount).sum();
        long fetchable = locations.stream().filter(LocationTruth::verified).mapToLong(LocationTruth::totalReviewCount).sum();
        int verified = (int) locations.stream().filter(LocationTruth::verified).count();
        return new Truth(seed, new Totals(accounts.size(), locations.size(), verified, reviews, fetchable), accounts,
                locations);
    }

    private LocationTruth location(Location location, boolean withReviews) {
        LocationReviews snapshot = data.reviews(location.id());
        String v4 = location.v4Name(location.ownerAccountId());
        List<ReviewTruth> reviews = !withReviews ? null : Arrays.stream(snapshot.ordered(ReviewOrder.UPDATE_TIME_DESC))
                .map(r -> new ReviewTruth(v4 + "/reviews/" + r.reviewId(), r.reviewId(), ReviewJson.starRating(r.stars()),
                        r.createTime().toString(), r.updateTime().toString(), r.comment() != null, r.reply() != null))
                .toList();
        List<String> accounts = location.accountIds().stream().map(id -> "accounts/" + id).toList();
        return new LocationTruth(location.name(), v4, location.title(), accounts, location.verified(), snapshot.total(),
                snapshot.total() == 0 ? null : ReviewPages.roundRating(snapshot.averageRating()), reviews);
    }

}
