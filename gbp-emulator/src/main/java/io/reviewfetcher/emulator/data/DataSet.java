package io.reviewfetcher.emulator.data;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The emulated businesses: accounts, locations and each location's current review snapshot.
 * Reads are lock-free (immutable snapshots behind a concurrent map); changes, which come only
 * from admin paths, are serialised and swap in a new snapshot with a new version.
 */
@ApplicationScoped
@Startup
public class DataSet {

    private final EmulatorConfig config;
    private final EmulatorClock clock;
    private final AtomicLong versions = new AtomicLong();
    private final SplittableRandom changeRandom;
    private volatile Structure structure;
    private final ConcurrentHashMap<String, LocationReviews> reviews = new ConcurrentHashMap<>();

    private record Structure(List<Account> accounts, Map<String, Account> accountsById,
                             List<Location> locations, Map<String, Location> locationsById) {
    }

    public DataSet(EmulatorConfig config, EmulatorClock clock) {
        this.config = config;
        this.clock = clock;
        this.changeRandom = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        regenerate();
    }

    /** Throws away every change and rebuilds the seeded data set. */
    public synchronized void regenerate() {
        long started = System.nanoTime();
        DataSetGenerator.Generated generated = DataSetGenerator.generate(new DataSetGenerator.Spec(
                config.seed(), config.accounts(), config.locationsPerAccount(), config.reviewsPerLocation(),
                config.unverifiedLocationRatio(), config.dataEpoch(), config.reviews().replyBumpsUpdateTime()));
        Map<String, Account> accountsById = new LinkedHashMap<>();
        generated.accounts().forEach(a -> accountsById.put(a.id(), a));
        Map<String, Location> locationsById = new LinkedHashMap<>();
        generated.locations().forEach(l -> locationsById.put(l.id(), l));
        reviews.clear();
        generated.reviews().entrySet().parallelStream()
                .forEach(e -> reviews.put(e.getKey(), new LocationReviews(versions.incrementAndGet(), e.getValue())));
        structure = new Structure(generated.accounts(), accountsById, generated.locations(), locationsById);
        Log.infof("Data set ready: %d accounts, %d locations, %d reviews (seed %d) in %d ms",
                generated.accounts().size(), generated.locations().size(), totalReviews(), config.seed(),
                (System.nanoTime() - started) / 1_000_000);
    }

    public List<Account> accounts() {
        return structure.accounts();
    }

    public Optional<Account> account(String id) {
        return Optional.ofNullable(structure.accountsById().get(id));
    }

    public List<Location> locations() {
        return structure.locations();
    }

    public Optional<Location> location(String id) {
        return Optional.ofNullable(structure.locationsById().get(id));
    }

    public LocationReviews reviews(String locationId) {
        return reviews.get(locationId);
    }

    public long totalReviews() {
        return reviews.values().stream().mapToLong(LocationReviews::total).sum();
    }

    /** Adds a review written now; a null draft means "a random customer". */
    public synchronized Review addReview(String locationId, ReviewDraft draft) {
        Instant now = clock.now();
        Review fresh = DataSetGenerator.freshReview(changeRandom, now);
        if (draft != null) {
            fresh = new Review(fresh.reviewId(),
                    draft.reviewer() != null ? draft.reviewer() : fresh.reviewer(),
                    draft.stars() != null ? draft.stars() : fresh.stars(),
                    draft.commentSet() ? draft.comment() : fresh.comment(),
                    now, now, draft.replyComment() != null && !draft.replyComment().isEmpty() ? new Review.Reply(draft.replyComment(), now) : null);
        }
        Review added = fresh;
        change(locationId, list -> {
            list.add(added);
            return list;
        });
        return added;
    }

    /**
     * Edits a review as its author would (rating, text: updateTime moves to now) or as the owner
     * would (reply: updateTime moves only if so configured). Empty when the review does not exist.
     */
    public synchronized Optional<Review> editReview(String locationId, String reviewId, ReviewDraft draft) {
        Instant now = clock.now();
        Review[] edited = new Review[1];
        change(locationId, list -> {
            for (int i = 0; i < list.size(); i++) {
                Review old = list.get(i);
                if (old.reviewId().equals(reviewId)) {
                    boolean authorEdit = draft.stars() != null || draft.commentSet();
                    Review.Reply reply = draft.replyComment() == null ? old.reply()
                            : draft.replyComment().isEmpty() ? null : new Review.Reply(draft.replyComment(), now);
                    boolean bump = authorEdit || (draft.replyComment() != null && config.reviews().replyBumpsUpdateTime());
                    edited[0] = old.withUpdate(draft.stars() != null ? draft.stars() : old.stars(),
                            draft.commentSet() ? draft.comment() : old.comment(), reply, bump ? now : old.updateTime());
                    list.set(i, edited[0]);
                    return list;
                }
            }
            return null;
        });
        return Optional.ofNullable(edited[0]);
    }

    /** Removes a review without a trace, as Google does. */
    public synchronized boolean deleteReview(String locationId, String reviewId) {
        boolean[] removed = new boolean[1];
        change(locationId, list -> {
            removed[0] = list.removeIf(r -> r.reviewId().equals(reviewId));
            return removed[0] ? list : null;
        });
        return removed[0];
    }

    /** Applies {@code edit} to a copy of the location's reviews; a null result means "no change". */
    private void change(String locationId, Function<List<Review>, List<Review>> edit) {
        LocationReviews current = reviews.get(locationId);
        if (current == null) {
            throw new IllegalArgumentException("unknown location " + locationId);
        }
        List<Review> copy = edit.apply(new ArrayList<>(current.all()));
        if (copy != null) {
            reviews.put(locationId, new LocationReviews(versions.incrementAndGet(), copy));
        }
    }

    /** Fields of an admin add/edit; null = keep (or random, when adding). */
    public record ReviewDraft(Integer stars, boolean commentSet, String comment, Review.Reviewer reviewer,
                              String replyComment) {
    }
}
