package io.reviewfetcher.accounts;

import io.reviewfetcher.accounts.notifications.AccountNotifications;
import io.reviewfetcher.accounts.notifications.NotManagedClient;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Account;
import io.reviewfetcher.google.NamelessItems;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * fetch-accounts → one page of the job's accounts → one fetch-locations per account on it, and the next page
 * as a new fetch-accounts record. One page per record: a failure retries that page, not the listing from page 1,
 * and the page's job event lists at most 21 spawned tasks however many accounts the credential reaches.
 * An account listed without a name is skipped alone ({@link NamelessItems}). A job that sets notifications
 * ({@link FetchAccounts#setsNotifications()}) walks the same pages, but sets each account's notification setting
 * instead of fanning out ({@link AccountNotifications}).
 */
@ApplicationScoped
public class AccountStage {
    private final StageRunner runner;
    private final AccountLister accounts;
    private final PageWalk walk;
    private final NamelessItems nameless;
    private final AccountNotifications notifications;

    public AccountStage(StageRunner runner, AccountLister accounts, PageWalk walk, NamelessItems nameless,
                        AccountNotifications notifications) {
        this.runner = runner;
        this.accounts = accounts;
        this.walk = walk;
        this.nameless = nameless;
        this.notifications = notifications;
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.run(record, FetchAccounts.class, this::fanOut);
    }

    Uni<List<Event>> fanOut(FetchAccounts job) {
        if (job.setsNotifications() && !AccountNotifications.routable(job)) {
            // Before the page's permit: no try of such a job can succeed.
            return Uni.createFrom().failure(new NotManagedClient());
        }
        return accounts.page(job.credential(), job.jobId(), job.pageToken()).chain(page -> {
            List<Account> listed = jobsAccounts(job, page);
            if (job.setsNotifications()) {
                List<String> ids = listed.stream().map(account -> GoogleDtos.idOrNull(account.name())).toList();
                return notifications.set(job, ids).map(refused -> pageDone(job, page, List.of(), List.of(), ids.size(), refused));
            }
            List<Event> fanned = new ArrayList<>();
            List<String> spawned = new ArrayList<>();
            for (Account account : listed) {
                String accountId = GoogleDtos.idOrNull(account.name());
                fanned.add(new FetchLocations(job.jobId(), Instant.now(), job.credential(), accountId,
                        account.accountName() == null ? "" : account.accountName(), job.locationIds(), job.mode(), 0));
                spawned.add(TaskIds.locations(accountId));
            }
            return Uni.createFrom().item(pageDone(job, page, fanned, spawned, spawned.size(), List.of()));
        });
    }

    /** The page's accounts that have a name, of those the job is narrowed to; the nameless ones are counted as skipped. */
    private List<Account> jobsAccounts(FetchAccounts job, GoogleDtos.AccountsPage page) {
        List<Account> listed = new ArrayList<>();
        int unnamed = 0;
        for (Account account : page.accountsOrEmpty()) {
            String accountId = GoogleDtos.idOrNull(account.name());
            if (accountId == null) {
                unnamed++;
            } else if (job.accountIds() == null || job.accountIds().contains(accountId)) {
                listed.add(account);
            }
        }
        nameless.skipped(job, "accounts.list", unnamed);
        return listed;
    }

    /**
     * What a page publishes: what it produced for its accounts, the next page (or the stopped walk's dead letter), the
     * events of accounts refused on their own, and its job event with the accounts it found.
     */
    private List<Event> pageDone(FetchAccounts job, GoogleDtos.AccountsPage page, List<Event> fanned, List<String> spawned,
                                 int found, List<Event> refused) {
        List<Event> produced = new ArrayList<>(fanned);
        List<String> children = new ArrayList<>(spawned);
        PageWalk.Next<FetchAccounts> next = walk.after(job, page.nextPageToken(), "accounts.list", null);
        if (next.continues()) {
            produced.add(next.page());
            children.add(TaskIds.of(next.page()));
        } else if (next.stopped()) {
            produced.addAll(PageWalk.stopped(next));
        }
        produced.addAll(refused);
        produced.add(JobEvents.done(job, children, found, 0, 0, 0));
        return produced;
    }
}
