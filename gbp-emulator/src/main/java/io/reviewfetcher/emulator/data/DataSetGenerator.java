package io.reviewfetcher.emulator.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Builds the seeded data set: a personal account followed by location groups and organizations,
 * locations shared between neighbouring accounts, and a skewed number of reviews per location.
 * Pure function of its {@link Spec}: the same spec always gives the same data.
 */
public final class DataSetGenerator {

    /** What to generate. */
    public record Spec(long seed, int accounts, int locationsPerAccount, int meanReviewsPerLocation,
                       double unverifiedLocationRatio, Instant epoch, boolean replyBumpsUpdateTime) {
    }

    /** The generated data; {@code reviews} is keyed by location id, in location order. */
    public record Generated(List<Account> accounts, List<Location> locations, Map<String, List<Review>> reviews) {
    }

    private static final Duration HISTORY = Duration.ofDays(5 * 365);
    private static final double SHARE_RATIO = 0.2;
    private static final double NO_REVIEWS_RATIO = 0.1;
    private static final double SKEW_SIGMA = 1.8;

    private DataSetGenerator() {
    }

    public static Generated generate(Spec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        int perAccount = Math.max(0, spec.locationsPerAccount());
        int accountCount = Math.max(1, spec.accounts());

        List<String> accountIds = new ArrayList<>();
        for (int i = 0; i < accountCount; i++) {
            accountIds.add("1" + digits(random, 20));
        }
        List<List<String>> owners = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        for (int a = 0; a < accountCount; a++) {
            List<String> owned = new ArrayList<>();
            String brand = SampleText.BRANDS.get(random.nextInt(SampleText.BRANDS.size()));
            for (int l = 0; l < perAccount; l++) {
                Location location = location(random, locations.size(), brand, accountIds.get(a), spec);
                locations.add(location);
                owned.add(location.id());
            }
            owners.add(owned);
        }

        // Groups and organizations also see the first fifth of the previous account's locations.
        Map<String, List<String>> listedBy = new LinkedHashMap<>();
        for (Location location : locations) {
            listedBy.put(location.id(), new ArrayList<>(location.accountIds()));
        }
        List<Account> accounts = new ArrayList<>();
        for (int a = 0; a < accountCount; a++) {
            List<String> listed = new ArrayList<>(owners.get(a));
            if (a > 0 && perAccount > 0) {
                int shared = Math.max(1, (int) Math.round(perAccount * SHARE_RATIO));
                for (String id : owners.get(a - 1).subList(0, Math.min(shared, perAccount))) {
                    listed.add(id);
                    listedBy.get(id).add(accountIds.get(a));
                }
            }
            accounts.add(account(random, a, accountIds.get(a), listed));
        }
        List<Location> withSharing = locations.stream()
                .map(l -> new Location(l.id(), List.copyOf(listedBy.get(l.id())), l.title(), l.storeCode(),
                        l.languageCode(), l.primaryPhone(), l.categoryId(), l.categoryName(), l.address(),
                        l.websiteUri(), l.latitude(), l.longitude(), l.placeId(), l.mapsCid(), l.verified()))
                .toList();

        int[] counts = reviewCounts(random, withSharing, spec.meanReviewsPerLocation());
        long seed = spec.seed();
        List<List<Review>> perLocation = IntStream.range(0, withSharing.size()).parallel()
                .mapToObj(i -> reviews(new SplittableRandom(mix(seed, i)), counts[i], spec))
                .toList();
        Map<String, List<Review>> reviews = new LinkedHashMap<>();
        for (int i = 0; i < withSharing.size(); i++) {
            reviews.put(withSharing.get(i).id(), perLocation.get(i));
        }
        return new Generated(List.copyOf(accounts), withSharing, reviews);
    }

    private static Account account(SplittableRandom random, int index, String id, List<String> locationIds) {
        if (index == 0) {
            return new Account(id, "Demo Owner", "PERSONAL", "PRIMARY_OWNER", "UNVERIFIED", "NOT_VETTED",
                    "OWNER_LEVEL", null, null, null, List.copyOf(locationIds));
        }
        String brand = SampleText.BRANDS.get(random.nextInt(SampleText.BRANDS.size()));
        if (index % 2 == 1) {
            return new Account(id, brand + " Locations", "LOCATION_GROUP", "OWNER", "VERIFIED", "NOT_VETTED",
                    "OWNER_LEVEL", null, null, null, List.copyOf(locationIds));
        }
        String number = digits(random, 4) + "-" + digits(random, 4) + "-" + digits(random, 4);
        return new Account(id, brand + " Hospitality Ltd", "ORGANIZATION", "MANAGER", "VERIFIED", "VETTED",
                "MEMBER_LEVEL", number, "example-" + index + ".com", "+1 415-555-01" + (10 + index % 90),
                List.copyOf(locationIds));
    }

    private static Location location(SplittableRandom random, int index, String brand, String ownerId, Spec spec) {
        SampleText.City city = SampleText.CITIES.get(random.nextInt(SampleText.CITIES.size()));
        SampleText.Category category = SampleText.CATEGORIES.get(random.nextInt(SampleText.CATEGORIES.size()));
        String id = (1 + random.nextInt(9)) + digits(random, 18);
        String placeId = "ChIJ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 18)).substring(0, 23);
        String cid = Long.toUnsignedString(random.nextLong());
        boolean verified = random.nextDouble() >= spec.unverifiedLocationRatio();
        Location.PostalAddress address = new Location.PostalAddress(city.regionCode(), city.postalCode(),
                city.administrativeArea(), city.locality(), List.of((1 + random.nextInt(200)) + " " + city.street()));
        return new Location(id, List.of(ownerId), brand + " " + city.locality(), String.format("ST-%04d", index + 1),
                city.languageCode(), city.phonePrefix() + digits(random, 4), category.id(), category.displayName(),
                address, "https://www.example.com/" + "store-" + (index + 1),
                city.lat() + (random.nextDouble() - 0.5) / 20, city.lng() + (random.nextDouble() - 0.5) / 20,
                placeId, cid, verified);
    }

    /**
     * Log-normal weights (a tenth of the locations none) scaled so the total is mean × locations:
     * most locations get a handful, a few get thousands. Unverified locations have none (the API
     * would not show them anyway).
     */
    private static int[] reviewCounts(SplittableRandom random, List<Location> locations, int mean) {
        int n = locations.size();
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double gaussian = gaussian(random);
            boolean none = random.nextDouble() < NO_REVIEWS_RATIO || !locations.get(i).verified();
            weights[i] = none ? 0 : Math.exp(SKEW_SIGMA * gaussian);
            sum += weights[i];
        }
        int[] counts = new int[n];
        if (sum == 0 || mean <= 0) {
            return counts;
        }
        long target = (long) mean * n;
        double[] remainders = new double[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            double exact = target * weights[i] / sum;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        // Largest remainders get the rounding leftovers so the total is exact.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, (x, y) -> Double.compare(remainders[y], remainders[x]));
        for (int k = 0; assigned < target; k++, assigned++) {
            counts[order[k % n]]++;
        }
        return counts;
    }

    private static List<Review> reviews(SplittableRandom random, int count, Spec spec) {
        List<Review> reviews = new ArrayList<>(count);
        long historyMillis = HISTORY.toMillis();
        long epochMillis = spec.epoch().toEpochMilli();
        for (int i = 0; i < count; i++) {
            int stars = stars(random);
            long age = (long) (historyMillis * Math.pow(random.nextDouble(), 1.5));
            Instant created = timestamp(random, epochMillis - age);
            Instant updated = created;
            if (random.nextDouble() < 0.12) {
                updated = timestamp(random, created.toEpochMilli() + (long) (random.nextDouble() * (epochMillis - created.toEpochMilli())));
            }
            Review.Reply reply = null;
            if (random.nextDouble() < (stars <= 2 ? 0.6 : 0.35)) {
                long replyAt = Math.min(epochMillis, created.toEpochMilli() + (long) (random.nextDouble() * Duration.ofDays(20).toMillis()));
                List<String> pool = stars <= 2 ? SampleText.REPLIES_NEGATIVE : SampleText.REPLIES_POSITIVE;
                reply = new Review.Reply(pool.get(random.nextInt(pool.size())), timestamp(random, replyAt));
                if (spec.replyBumpsUpdateTime() && reply.updateTime().isAfter(updated)) {
                    updated = reply.updateTime();
                }
            }
            reviews.add(new Review(reviewId(random), reviewer(random), stars, comment(random, stars), created, updated, reply));
        }
        return reviews;
    }

    /** A new review written at {@code at}, as a customer would leave it today. */
    public static Review freshReview(SplittableRandom random, Instant at) {
        int stars = stars(random);
        return new Review(reviewId(random), reviewer(random), stars, comment(random, stars), at, at, null);
    }

    /** Real ratings are J-shaped: mostly fives, then ones. */
    static int stars(SplittableRandom random) {
        double p = random.nextDouble();
        if (p < 0.55) {
            return 5;
        }
        if (p < 0.73) {
            return 4;
        }
        if (p < 0.81) {
            return 3;
        }
        if (p < 0.87) {
            return 2;
        }
        return 1;
    }

    /** A quarter of reviews are rating-only (null); some are foreign, some carry Google's translation envelope. */
    static String comment(SplittableRandom random, int stars) {
        if (random.nextDouble() < 0.25) {
            return null;
        }
        double kind = random.nextDouble();
        String text;
        if (kind < 0.7) {
            List<String> pool = stars >= 4 ? SampleText.POSITIVE_EN : stars == 3 ? SampleText.MIXED_EN : SampleText.NEGATIVE_EN;
            StringBuilder sentences = new StringBuilder(pool.get(random.nextInt(pool.size())));
            int more = random.nextInt(3);
            for (int k = 0; k < more; k++) {
                sentences.append(' ').append(pool.get(random.nextInt(pool.size())));
            }
            text = sentences.toString();
        } else {
            String[] foreign = SampleText.FOREIGN.get(random.nextInt(SampleText.FOREIGN.size()));
            text = kind < 0.8
                    ? "(Translated by Google) " + foreign[1] + "\n\n(Original)\n" + foreign[0]
                    : foreign[0];
        }
        if (random.nextDouble() < 0.2) {
            text = text + " " + SampleText.EMOJI.get(random.nextInt(SampleText.EMOJI.size()));
        }
        return text;
    }

    static Review.Reviewer reviewer(SplittableRandom random) {
        if (random.nextDouble() < 0.08) {
            return new Review.Reviewer("A Google User", null, true);
        }
        String name = SampleText.FIRST_NAMES.get(random.nextInt(SampleText.FIRST_NAMES.size())) + " "
                + SampleText.LAST_NAMES.get(random.nextInt(SampleText.LAST_NAMES.size()));
        String photo = "https://lh3.googleusercontent.com/a/ACg8oc"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 30)) + "=s120-c-rp-mo-br100";
        return new Review.Reviewer(name, photo, false);
    }

    /** Opaque like Google's: a fixed-looking prefix and a long url-safe tail. */
    static String reviewId(SplittableRandom random) {
        return "AbFvOq" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, 48));
    }

    /** Milliseconds mostly, whole seconds sometimes: Google prints 0, 3, 6 or 9 fractional digits. */
    private static Instant timestamp(SplittableRandom random, long millis) {
        return random.nextDouble() < 0.2 ? Instant.ofEpochSecond(Math.floorDiv(millis, 1000)) : Instant.ofEpochMilli(millis);
    }

    private static String digits(SplittableRandom random, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
