package io.reviewfetcher.google.permits;

import io.reviewfetcher.tokenservice.ServiceKeyStatus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while token-service refuses this worker's {@code SERVICE_API_KEY}: no permit, so no Google call,
 * can be had, and a rollout with a wrong key stops at its first pod instead of replacing the working ones.
 * Fed by the latest permit answer; UP again with the first answer that takes the key (the worker keeps asking
 * while it holds work). Before any answer the key is given the benefit of the doubt.
 */
@Readiness
@ApplicationScoped
public class ServiceKeyCheck implements HealthCheck {
    static final String NAME = "token-service accepts this worker's key";

    private final ServiceKeyStatus keyStatus;

    public ServiceKeyCheck(ServiceKeyStatus keyStatus) {
        this.keyStatus = keyStatus;
    }

    @Override
    public HealthCheckResponse call() {
        return keyStatus.refusedSince()
                .map(since -> HealthCheckResponse.named(NAME).down()
                        .withData("refused_since", since.toString())
                        .withData("fix", "this worker's SERVICE_API_KEY, or the keys token-service accepts for permits")
                        .build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().build());
    }
}
