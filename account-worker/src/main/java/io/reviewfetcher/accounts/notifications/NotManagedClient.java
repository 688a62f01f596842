package io.reviewfetcher.accounts.notifications;

import io.reviewfetcher.failures.TaskFailure;

/**
 * A job that sets notifications on a credential that is not a managed client's ({@code cred:…}, a submitter's own
 * token): Google's pushes are routed to the client whose credential set them, and such a job has none. ingress-api never
 * submits one; should one arrive, no try could succeed, so it is dead-lettered at once, before any Google call.
 */
public class NotManagedClient extends TaskFailure {

    public NotManagedClient() {
        super("notifications are set only for a managed client (client:<id>): pushes for a submitted token could not be routed",
                false, null, null);
    }
}
