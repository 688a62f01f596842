package io.reviewfetcher.locations;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Location;
import io.reviewfetcher.google.NamelessItems;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.stage.DeduplicatingStageRunner;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.reviewfetcher.store.ReviewStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fetch-locations → one page of the account's locations → one fetch-reviews (page 1) per location on it, and
 * the next page as a new fetch-locations record. In an incremental run, the locations that have a watermark in the
 * review store go in batches of up to 50 instead ({@link ReviewTasks}), asked for in one query per page. One page per record: a failure retries that page, not the
 * listing from page 1, and the page's job event lists at most 101 spawned tasks however large the account.
 *
 * <p>A location that several accounts of the job reach (a personal account and a location group, say), or
 * that a changing list shows on two pages, is fetched once: the first page task to claim it owns it, and a
 * redelivered page re-claims what it owns. A location listed without a name is skipped alone ({@link NamelessItems}).
 *
 * <p>A job narrowed to some locations hears from each page which of them it listed, owned here or not: a location
 * no page of the job's accounts lists (deleted, moved, a typo) is then a clear outcome in the job status, not silence.
 */
@ApplicationScoped
public class LocationStage {
    private final DeduplicatingStageRunner runner;
    private final LocationLister locations;
    private final JobClaims claims;
    private final PageWalk walk;
    private final NamelessItems nameless;
    private final ReviewStore store;

    @Inject
    public LocationStage(StageRunner runner, LocationLister locations, ReactiveRedisDataSource redis, PageWalk walk,
                         NamelessItems nameless, ReviewStore store) {
        this(runner, locations, redis, new JobClaims(redis, JobClaims.Kind.LOCATIONS), walk, nameless, store);
    }

    private LocationStage(StageRunner runner, LocationLister locations, ReactiveRedisDataSource redis, JobClaims claims,
                          PageWalk walk, NamelessItems nameless, ReviewStore store) {
        // A page's claims are provisional until it is finished (JobClaims): one that died before publishing keeps none.
        this(runner.deduplicating(claims.confirmedWhenFinished(FinishedTasks.inRedis(redis))), locations,
                claims, walk, nameless, store);
    }

    LocationStage(DeduplicatingStageRunner runner, LocationLister locations, JobClaims claims, PageWalk walk,
                  NamelessItems nameless, ReviewStore store) {
        this.runner = runner;
        this.locations = locations;
        this.claims = claims;
        this.walk = walk;
        this.nameless = nameless;
        this.store = store;
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOnce(record, FetchLocations.class, this::fanOut);
    }

    Uni<List<Event>> fanOut(FetchLocations task) {
        return locations.page(task.credential(), task.jobId(), task.accountId(), task.pageToken()).chain(page -> {
            Map<String, Location> wanted = new LinkedHashMap<>();
            int unnamed = 0;
            for (Location location : page.locationsOrEmpty()) {
                String locationId = GoogleDtos.idOrNull(location.name());
                if (locationId == null) {
                    unnamed++;
                } else if (task.locationIds() == null || task.locationIds().contains(locationId)) {
                    wanted.put(locationId, location);
                }
            }
            nameless.skipped(task, "locations.list", unnamed);
            List<String> onPage = List.copyOf(wanted.keySet());
            // Before the claim: a requested location another page owns was listed all the same.
            List<String> listed = task.locationIds() == null ? List.of() : onPage;
            return claims.claim(task.jobId(), TaskIds.of(task), onPage).chain(owned -> {
                Map<String, Location> mine = new LinkedHashMap<>(wanted);
                mine.keySet().retainAll(owned);
                if (task.mode() != FetchMode.INCREMENTAL || mine.isEmpty()) {
                    return Uni.createFrom().item(spawn(task, page, mine, Map.of(), 0, listed));
                }
                // An incremental run leaves locations a full walk found unverified to the full runs: no call for them.
                List<String> ids = List.copyOf(mine.keySet());
                return Uni.combine().all().unis(store.watermarks(ids), store.unverified(ids)).asTuple().map(states -> {
                    Map<String, Location> walked = new LinkedHashMap<>(mine);
                    walked.keySet().removeAll(states.getItem2());
                    return spawn(task, page, walked, states.getItem1(), mine.size() - walked.size(), listed);
                });
            });
        });
    }

    /**
     * The page's review tasks and its next page, with the page's job event, which counts the {@code left} locations it
     * spawned nothing for as done and names the requested locations the page {@code listed}.
     */
    private List<Event> spawn(FetchLocations task, GoogleDtos.LocationsPage page, Map<String, Location> owned,
                              Map<String, Instant> watermarks, int left, List<String> listed) {
        PageWalk.Next<FetchLocations> next = walk.after(task, page.nextPageToken(), "locations.list",
                "accounts/" + task.accountId());
        List<Event> produced = new ArrayList<>();
        List<String> spawned = new ArrayList<>();
        for (StageEvent reviews : ReviewTasks.of(task, owned, watermarks, Instant.now())) {
            produced.add(reviews);
            spawned.add(TaskIds.of(reviews));
        }
        int found = owned.size() + left;
        if (next.continues()) {
            produced.add(next.page());
            spawned.add(TaskIds.of(next.page()));
        } else if (next.stopped()) {
            produced.addAll(PageWalk.stopped(next));
        }
        produced.add(JobEvents.listingPage(task, spawned, found, left, listed));
        return produced;
    }
}
