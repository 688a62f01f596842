package io.reviewfetcher.locations;

import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleLocationsApi;
import io.reviewfetcher.google.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One page of an account's locations (100 a page, Google's maximum), under one permit. */
@ApplicationScoped
public class LocationLister {
    private final GoogleLocationsApi google;
    private final PermitGate permits;

    public LocationLister(@RestClient GoogleLocationsApi google, PermitGate permits) {
        this.google = google;
        this.permits = permits;
    }

    /**
     * @param jobId     the job the page is for: its share of the pod's Google calls ({@link PermitGate})
     * @param pageToken the previous page's {@code nextPageToken}, or null for the first page
     */
    public Uni<GoogleDtos.LocationsPage> page(String credential, String jobId, String accountId, String pageToken) {
        return permits.callGoogle("locations.list", credential, jobId, bearer -> google.list(bearer, accountId,
                GoogleLocationsApi.READ_MASK, GoogleLocationsApi.MAX_PAGE_SIZE, pageToken));
    }
}
