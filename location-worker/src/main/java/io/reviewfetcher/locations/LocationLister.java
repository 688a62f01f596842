package io.reviewfetcher.locations;

import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Location;
import io.reviewfetcher.google.GooglePages;
import io.reviewfetcher.google.GoogleLocationsApi;
import io.reviewfetcher.google.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

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
        return GooglePages.collect(
                pageToken -> permits.callGoogle("locations.list", credential, bearer -> google.list(bearer, accountId,
                        GoogleLocationsApi.READ_MASK, GoogleLocationsApi.MAX_PAGE_SIZE, pageToken)),
                GoogleDtos.LocationsPage::locationsOrEmpty, GoogleDtos.LocationsPage::nextPageToken);
    }
}
