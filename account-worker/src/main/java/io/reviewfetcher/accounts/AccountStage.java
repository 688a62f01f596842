package io.reviewfetcher.accounts;

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
 * An account listed without a name is skipped alone ({@link NamelessItems}).
 */
@ApplicationScoped
public class AccountStage {
    private final StageRunner runner;
    private final AccountLister accounts;
    private final PageWalk walk;
    private final NamelessItems nameless;

    public AccountStage(StageRunner runner, AccountLister accounts, PageWalk walk, NamelessItems nameless) {
        this.runner = runner;
        this.accounts = accounts;
        this.walk = walk;
        this.nameless = nameless;
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.run(record, FetchAccounts.class, this::fanOut);
    }

    Uni<List<Event>> fanOut(FetchAccounts job) {
        return accounts.page(job.credential(), job.jobId(), job.pageToken()).map(page -> {
            List<Event> produced = new ArrayList<>();
            List<String> spawned = new ArrayList<>();
            int unnamed = 0;
            for (Account account : page.accountsOrEmpty()) {
                String accountId = GoogleDtos.idOrNull(account.name());
                if (accountId == null) {
                    unnamed++;
                    continue;
                }
                if (job.accountIds() != null && !job.accountIds().contains(accountId)) {
                    continue;
                }
                produced.add(new FetchLocations(job.jobId(), Instant.now(), job.credential(), accountId,
                        account.accountName() == null ? "" : account.accountName(), job.locationIds(), job.mode(), 0));
                spawned.add(TaskIds.locations(accountId));
            }
            nameless.skipped(job, "accounts.list", unnamed);
            int found = spawned.size();
            PageWalk.Next<FetchAccounts> next = walk.after(job, page.nextPageToken(), "accounts.list", null);
            if (next.continues()) {
                produced.add(next.page());
                spawned.add(TaskIds.of(next.page()));
            } else if (next.stopped()) {
                produced.addAll(PageWalk.stopped(next));
            }
            produced.add(JobEvents.done(job, spawned, found, 0, 0, 0));
            return produced;
        });
    }
}
