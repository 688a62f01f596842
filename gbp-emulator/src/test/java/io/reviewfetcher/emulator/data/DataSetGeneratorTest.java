package io.reviewfetcher.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataSetGeneratorTest {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private static DataSetGenerator.Spec spec(long seed, int accounts, int perAccount, int mean) {
        return new DataSetGenerator.Spec(seed, accounts, perAccount, mean, 0.05, EPOCH, false);
    }

    @Test
    void hundredLocationsAndTwentyThousandReviewsAreReadyInUnderTwoSeconds() {
        long started = System.nanoTime();
        DataSetGenerator.Generated data = DataSetGenerator.generate(spec(42, 4, 25, 200));
        data.reviews().values().parallelStream().forEach(list -> new LocationReviews(1, list));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(100, data.locations().size());
        assertEquals(20_000, data.reviews().values().stream().mapToInt(List::size).sum());
        assertTrue(millis < 2_000, "took " + millis + " ms");
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedDoesNot() {
        DataSetGenerator.Generated a = DataSetGenerator.generate(spec(7, 3, 10, 50));
        DataSetGenerator.Generated b = DataSetGenerator.generate(spec(7, 3, 10, 50));
        DataSetGenerator.Generated c = DataSetGenerator.generate(spec(8, 3, 10, 50));

        assertEquals(a, b);
        assertNotEquals(a.accounts(), c.accounts());
    }

    @Test
    void reviewCountsAreSkewedLikeRealBusinesses() {
        DataSetGenerator.Generated data = DataSetGenerator.generate(spec(42, 4, 25, 200));
        List<Integer> counts = data.reviews().values().stream().map(List::size).toList();

        assertTrue(counts.stream().filter(n -> n == 0).count() >= 3, "some locations have no reviews: " + counts);
        assertTrue(counts.stream().filter(n -> n > 0 && n <= 40).count() >= 20, "many have a handful: " + counts);
        assertTrue(counts.stream().anyMatch(n -> n >= 1_000), "a few have thousands: " + counts);
    }

    @Test
    void reviewsLookLikeGoogleReviews() {
        Collection<List<Review>> perLocation = DataSetGenerator.generate(spec(42, 3, 10, 200)).reviews().values();
        List<Review> all = perLocation.stream().flatMap(List::stream).toList();

        assertTrue(all.stream().anyMatch(r -> r.comment() == null), "rating-only reviews");
        assertTrue(all.stream().anyMatch(r -> r.reviewer().anonymous()
                && r.reviewer().displayName().equals("A Google User") && r.reviewer().profilePhotoUrl() == null));
        assertTrue(all.stream().anyMatch(r -> r.reply() != null && !r.reply().updateTime().isBefore(r.createTime())));
        assertTrue(all.stream().anyMatch(r -> r.updateTime().isAfter(r.createTime())), "edited reviews");
        assertTrue(all.stream().allMatch(r -> !r.updateTime().isBefore(r.createTime())));
        assertTrue(all.stream().anyMatch(r -> r.comment() != null && r.comment().codePoints().anyMatch(cp -> cp > 0x3000)),
                "non-Latin text");
        assertTrue(all.stream().anyMatch(r -> r.comment() != null && r.comment().codePoints().anyMatch(cp -> cp >= 0x1F300)),
                "emoji");
        assertTrue(all.stream().anyMatch(r -> r.comment() != null && r.comment().startsWith("(Translated by Google)")));
        assertEquals(all.size(), all.stream().map(Review::reviewId).distinct().count(), "review ids are unique");
        for (int stars = 1; stars <= 5; stars++) {
            int s = stars;
            assertTrue(all.stream().anyMatch(r -> r.stars() == s));
        }
    }

    @Test
    void accountsAreOfEveryKindAndShareLocations() {
        DataSetGenerator.Generated data = DataSetGenerator.generate(spec(42, 3, 10, 10));

        assertEquals(List.of("PERSONAL", "LOCATION_GROUP", "ORGANIZATION"),
                data.accounts().stream().map(Account::type).toList());
        assertTrue(data.locations().stream().anyMatch(l -> l.accountIds().size() == 2), "shared locations");
        Map<String, List<Review>> reviews = data.reviews();
        data.locations().stream().filter(l -> !l.verified())
                .forEach(l -> assertTrue(reviews.get(l.id()).isEmpty(), "unverified locations show no reviews"));
    }
}
