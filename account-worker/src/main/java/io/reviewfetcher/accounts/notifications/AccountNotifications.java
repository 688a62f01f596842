package io.reviewfetcher.accounts.notifications;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.google.GoogleDtos.NotificationSetting;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.support.logging.JobLog;
import io.reviewfetcher.support.notifications.NotificationState;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A page of a job that turns notifications on or off: each of the page's accounts gets its setting on Google (one permit
 * each), and its state in Redis ({@link NotificationStates}) as soon as Google answered for it. Google refusing one
 * account (400, 403, 404: it cannot be set through this credential) fails that account alone: its state is
 * {@code failed} with the reason, and it is dead-lettered as task {@code notifications:<account>}, so the job ends
 * {@code completed_with_errors}, and a replay sets that account again. Anything else (429, 5xx, no answer, Redis) fails
 * the page after every account had its answer, for the normal retry: setting an account again changes nothing.
 */
@ApplicationScoped
public class AccountNotifications {
    private static final String CLIENT_PREFIX = "client:";
    /** Google cannot set this account through this credential: a retry would get the same answer. */
    private static final Set<Integer> REFUSED_FOR_THE_ACCOUNT = Set.of(400, 403, 404);
    private static final int MAX_GOOGLE_MESSAGE = 120;

    private final NotificationSetter setter;
    private final NotificationStates states;

    public AccountNotifications(NotificationSetter setter, NotificationStates states) {
        this.setter = setter;
        this.states = states;
    }

    /** Whether the job names a managed client ({@code client:<id>}), to whom its accounts' pushes can be routed. */
    public static boolean routable(FetchAccounts job) {
        return job.credential().startsWith(CLIENT_PREFIX);
    }

    /** The client whose credential the job names; {@link NotManagedClient} for a submitter's own token. */
    static String clientOf(FetchAccounts job) {
        if (!routable(job)) {
            throw new NotManagedClient();
        }
        return job.credential().substring(CLIENT_PREFIX.length());
    }

    /**
     * Sets the accounts of {@code page} (already narrowed to the job's accounts) and answers the events of the accounts
     * Google refused: each one's dead letter and job event. Fails as the class comment says.
     */
    public Uni<List<Event>> set(FetchAccounts page, List<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String clientId;
        try {
            clientId = clientOf(page);
        } catch (NotManagedClient e) {
            return Uni.createFrom().failure(e);
        }
        List<Uni<List<Event>>> each = accountIds.stream().map(accountId -> one(page, clientId, accountId)).toList();
        return Uni.join().all(each).andCollectFailures()
                .onFailure(CompositeException.class).transform(failures -> ((CompositeException) failures).getCauses().get(0))
                .map(refusals -> refusals.stream().flatMap(List::stream).toList());
    }

    private Uni<List<Event>> one(FetchAccounts page, String clientId, String accountId) {
        boolean on = page.notifications();
        return setter.set(page.credential(), page.jobId(), accountId, on)
                .chain(answered -> recordSet(clientId, accountId, on))
                .replaceWith(List.<Event>of())
                .onFailure(AccountNotifications::refusedForTheAccount)
                .recoverWithUni(refusal -> refused(page, clientId, accountId, (GoogleApiException) Failures.find(refusal, GoogleApiException.class)));
    }

    private Uni<Void> recordSet(String clientId, String accountId, boolean on) {
        Instant now = Instant.now();
        if (!on) {
            return states.turnedOff(clientId, accountId, NotificationState.off(now, null));
        }
        NotificationSetting wanted = setter.wanted(accountId, true);
        return states.turnedOn(clientId, accountId, NotificationState.on(wanted.pubsubTopic(), wanted.notificationTypes(), now));
    }

    private Uni<List<Event>> refused(FetchAccounts page, String clientId, String accountId, GoogleApiException google) {
        String reason = reason(google);
        JobLog.warn(page.jobId(), JobLog.Position.NONE, "notifications of account %s not turned %s: %s", accountId,
                page.notifications() ? "on" : "off", reason);
        return states.failed(clientId, accountId, NotificationState.failed(Instant.now(), reason))
                .replaceWith(() -> refusalEvents(page, accountId, google, reason));
    }

    /**
     * The account's dead letter holds the page narrowed to the account: a replay lists the page again and sets that
     * account alone.
     */
    private static List<Event> refusalEvents(FetchAccounts page, String accountId, GoogleApiException google, String reason) {
        Instant now = Instant.now();
        FetchAccounts account = new FetchAccounts(page.jobId(), page.createdAt(), page.credential(), List.of(accountId),
                page.locationIds(), page.pageToken(), page.pageNumber(), page.pageTokenMark(), page.mode(), page.attempt(),
                page.replayedAt(), page.notifications());
        Failure failure = Failures.classify(page.attempt(), google);
        List<Event> events = new ArrayList<>(2);
        events.add(new DeadLetter(page.jobId(), now, page.topic(), reason, account, List.of(failure), null));
        events.add(JobEvents.notificationsRefused(page, accountId, reason));
        return events;
    }

    /** Google's status and a little of its message: no request, no token (Google's error bodies echo neither). */
    static String reason(GoogleApiException google) {
        String message = google.getMessage();
        if (message.length() > MAX_GOOGLE_MESSAGE) {
            message = message.substring(0, MAX_GOOGLE_MESSAGE) + "…";
        }
        return "Google refused the notification setting: " + message;
    }

    static boolean refusedForTheAccount(Throwable error) {
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        return google != null && REFUSED_FOR_THE_ACCOUNT.contains(google.httpStatus());
    }
}
