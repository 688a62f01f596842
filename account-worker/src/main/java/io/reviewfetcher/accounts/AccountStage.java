package io.reviewfetcher.accounts;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Account;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** fetch-accounts → the job's accounts → one fetch-locations per account. */
@ApplicationScoped
public class AccountStage {
    private final StageRunner runner;
    private final AccountLister accounts;

    public AccountStage(StageRunner runner, AccountLister accounts) {
        this.runner = runner;
        this.accounts = accounts;
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.run(record, FetchAccounts.class, this::fanOut);
    }

    Uni<List<Event>> fanOut(FetchAccounts job) {
        return accounts.all(job.credential()).map(found -> {
            List<Event> produced = new ArrayList<>();
            List<String> spawned = new ArrayList<>();
            for (Account account : found) {
                String accountId = GoogleDtos.idOf(account.name());
                if (job.accountIds() != null && !job.accountIds().contains(accountId)) {
                    continue;
                }
                produced.add(new FetchLocations(job.jobId(), Instant.now(), job.credential(), accountId,
                        account.accountName() == null ? "" : account.accountName(), job.locationIds(), job.mode(), 0));
                spawned.add(TaskIds.locations(accountId));
            }
            produced.add(JobEvents.done(job, spawned, spawned.size(), 0, 0, 0));
            return produced;
        });
    }
}
