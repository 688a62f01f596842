package io.reviewfetcher.locations;

import io.reviewfetcher.google.GoogleDtos.Location;
import io.reviewfetcher.google.GoogleLocationsApi;
import io.reviewfetcher.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.List;

/** Every location of one account, page by page (100 a page, Google's maximum), one permit a page. */
@ApplicationScoped
public class LocationLister {
    private final GoogleLocationsApi google;
    private final PermitGate permits;

    public LocationLister(@RestClient GoogleLocationsApi google, PermitGate permits) {
        this.google = google;
        this.permits = permits;
    }

    public Uni<List<Location>> all(String credential, String accountId) {
        return from(credential, accountId, null, new ArrayList<>());
    }

    private Uni<List<Location>> from(String credential, String accountId, String pageToken, List<Location> found) {
        return permits.callGoogle(credential, bearer -> google.list(bearer, accountId, GoogleLocationsApi.READ_MASK,
                        GoogleLocationsApi.MAX_PAGE_SIZE, pageToken))
                .chain(page -> {
                    found.addAll(page.locationsOrEmpty());
                    String next = page.nextPageToken();
                    return next == null || next.isEmpty() ? Uni.createFrom().item(found) : from(credential, accountId, next, found);
                });
    }
}
