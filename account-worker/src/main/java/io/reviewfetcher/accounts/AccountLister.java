package io.reviewfetcher.accounts;

import io.reviewfetcher.google.GoogleAccountsApi;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** One page of the accounts the credential can reach (20 a page, Google's maximum), under one permit. */
@ApplicationScoped
public class AccountLister {
    private final GoogleAccountsApi google;
    private final PermitGate permits;

    public AccountLister(@RestClient GoogleAccountsApi google, PermitGate permits) {
        this.google = google;
        this.permits = permits;
    }

    /**
     * @param jobId     the job the page is for: its share of the pod's Google calls ({@link PermitGate})
     * @param pageToken the previous page's {@code nextPageToken}, or null for the first page
     */
    public Uni<GoogleDtos.AccountsPage> page(String credential, String jobId, String pageToken) {
        return permits.callGoogle("accounts.list", credential, jobId,
                bearer -> google.list(bearer, GoogleAccountsApi.MAX_PAGE_SIZE, pageToken));
    }
}
