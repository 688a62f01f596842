package io.reviewfetcher.stage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready once the pod met an event of a newer version than it reads ({@link NewerEvents}): it is an old pod among
 * newer ones and should be replaced. It keeps consuming what it can read meanwhile (readiness stops no consumer); a
 * rollout replaces an unready old pod first, and the partition's new owner reads the record left unacknowledged.
 */
@Readiness
@ApplicationScoped
public class NewerEventsCheck implements HealthCheck {
    static final String NAME = "no event newer than this pod reads";

    private final NewerEvents newer;

    public NewerEventsCheck(NewerEvents newer) {
        this.newer = newer;
    }

    @Override
    public HealthCheckResponse call() {
        return newer.seen()
                .map(seen -> HealthCheckResponse.named(NAME).down()
                        .withData("fix", "a newer event version seen: upgrade this pod")
                        .withData("since", seen.since().toString())
                        .withData("type", seen.type().wireName())
                        .withData("newest_version_read", seen.type().schemaVersion())
                        .withData("records_left_unacknowledged", seen.records())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().build());
    }
}
