package io.reviewfetcher.locations;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Location;
import io.reviewfetcher.stage.DeduplicatingStageRunner;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fetch-locations → the account's locations → one fetch-reviews (page 1) per location. A location that
 * several accounts of the job reach (a personal account and a location group, say) is fetched once: the
 * first account to claim it owns it.
 */
@ApplicationScoped
public class LocationStage {
    private final DeduplicatingStageRunner runner;
    private final LocationLister locations;
    private final JobClaims claims;

    public LocationStage(StageRunner runner, LocationLister locations, ReactiveRedisDataSource redis) {
        this.runner = runner.deduplicating(FinishedTasks.inRedis(redis, ReviewRaw.RETENTION));
        this.locations = locations;
        this.claims = new JobClaims(redis, "locations", ReviewRaw.RETENTION);
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOnce(record, FetchLocations.class, this::fanOut);
    }

    Uni<List<Event>> fanOut(FetchLocations task) {
        return locations.all(task.credential(), task.accountId()).chain(found -> {
            Map<String, Location> wanted = new LinkedHashMap<>();
            for (Location location : found) {
                String locationId = GoogleDtos.idOf(location.name());
                if (task.locationIds() == null || task.locationIds().contains(locationId)) {
                    wanted.put(locationId, location);
                }
            }
            return claims.claim(task.jobId(), TaskIds.of(task), List.copyOf(wanted.keySet())).map(owned -> {
                List<Event> produced = new ArrayList<>();
                List<String> spawned = new ArrayList<>();
                wanted.forEach((locationId, location) -> {
                    if (owned.contains(locationId)) {
                        produced.add(new FetchReviews(task.jobId(), Instant.now(), task.credential(), task.accountId(),
                                locationId, location.title() == null ? "" : location.title(), location.mapsUri(), null, 1,
                                task.mode(), 0));
                        spawned.add(TaskIds.reviews(locationId, 1));
                    }
                });
                produced.add(JobEvents.done(task, spawned, 0, spawned.size(), 0, 0));
                return produced;
            });
        });
    }
}
