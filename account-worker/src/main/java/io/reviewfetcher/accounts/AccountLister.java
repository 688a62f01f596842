package io.reviewfetcher.accounts;

import io.reviewfetcher.google.GoogleAccountsApi;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Account;
import io.reviewfetcher.google.GooglePages;
import io.reviewfetcher.google.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;

/** Every account the credential can reach, page by page (20 a page, Google's maximum), one permit a page. */
@ApplicationScoped
public class AccountLister {
    private final GoogleAccountsApi google;
    private final PermitGate permits;

    public AccountLister(@RestClient GoogleAccountsApi google, PermitGate permits) {
        this.google = google;
        this.permits = permits;
    }

    public Uni<List<Account>> all(String credential) {
        return GooglePages.collect(
                pageToken -> permits.callGoogle("accounts.list", credential, bearer -> google.list(bearer, GoogleAccountsApi.MAX_PAGE_SIZE, pageToken)),
                GoogleDtos.AccountsPage::accountsOrEmpty, GoogleDtos.AccountsPage::nextPageToken);
    }
}
