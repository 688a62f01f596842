package io.reviewfetcher.accounts;

import io.reviewfetcher.google.GoogleAccountsApi;
import io.reviewfetcher.google.GoogleDtos.Account;
import io.reviewfetcher.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
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
        return from(credential, null, new ArrayList<>());
    }

    private Uni<List<Account>> from(String credential, String pageToken, List<Account> found) {
        return permits.callGoogle(credential, bearer -> google.list(bearer, GoogleAccountsApi.MAX_PAGE_SIZE, pageToken))
                .chain(page -> {
                    found.addAll(page.accountsOrEmpty());
                    String next = page.nextPageToken();
                    return next == null || next.isEmpty() ? Uni.createFrom().item(found) : from(credential, next, found);
                });
    }
}
