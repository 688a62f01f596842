package io.reviewfetcher.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * ingress-api's own settings; the env names are in application.properties and the README. The caller keys
 * ({@code api-keys.caller}, read by {@code CallerKeys}) and the token-service key ({@code token-service.api-key})
 * are configured through service-support and token-service-client.
 */
@ConfigMapping(prefix = "ingress")
public interface IngressConfig {

    Submissions submissions();

    Limits limits();

    Status status();

    Schedules schedules();

    Admission admission();

    Console console();

    interface Submissions {
        /**
         * {@code DEQUE_MAX_SIZE}: submissions in flight (accepted for processing, not yet acknowledged by the
         * broker) before new ones are answered 429. Nothing waits in memory after the 202.
         */
        @WithDefault("10000")
        int maxInFlight();

        /** The {@code Retry-After} a 429 (buffer full) or 503 (broker or token-service unavailable) carries. */
        @WithDefault("1s")
        Duration retryAfter();
    }

    interface Limits {
        /** Largest body of {@code POST /api/v1/review-fetch}; larger is 413. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** Largest body of {@code POST /api/v1/review-fetch/bulk}; larger is 413. */
        @WithDefault("8388608")
        int maxBulkBodyBytes();

        /** Most submissions in one bulk call. */
        @WithDefault("1000")
        int maxBulkItems();

        /** Most ids in {@code account_ids} or {@code location_ids}. */
        @WithDefault("1000")
        int maxIds();
    }

    interface Status {
        /** How long a job's status is kept after its last event. */
        @WithDefault("30d")
        Duration retention();

        /** Prefix of the status keys in Redis. */
        @WithDefault("job:")
        String keyPrefix();

        /** Events of one job-events batch written to Redis at the same time. */
        @WithDefault("16")
        int writeConcurrency();
    }

    /** Scheduled syncs ({@code /api/v1/schedules}); see the README's "Scheduled syncs". */
    interface Schedules {
        /**
         * The shortest {@code incremental_every} a schedule may have. An incremental run of one location costs a
         * few Google calls; every 5 minutes for every location of every client is already a large share of the quota.
         */
        @WithDefault("PT5M")
        Duration minIncrementalEvery();

        /** The shortest {@code full_every}: a full run reads every review again, so more often than hourly only burns quota. */
        @WithDefault("PT1H")
        Duration minFullEvery();

        /** The longest interval of either kind: a schedule that runs less than yearly is a mistake. */
        @WithDefault("P366D")
        Duration maxEvery();

        /**
         * How often each pod looks for due runs (SchedulePoller's {@code @Scheduled(every)}, read from this property):
         * a run starts at most this late. {@code off} stops this pod's poller (the other pods still start the runs).
         */
        @WithDefault("5s")
        String pollEvery();

        /** Most runs one pod starts in one poll; the rest wait for the next poll (or another pod). */
        @WithDefault("50")
        int maxRunsPerPoll();

        /**
         * How long a claim may sit idle in its transaction (waiting for Redis or the broker) before PostgreSQL ends it
         * ({@code idle_in_transaction_session_timeout}): a pod that vanishes without closing its connection would
         * otherwise keep its schedule locked, and skipped by every other pod, until TCP gives up (hours). Longer than a
         * publish may take (delivery.timeout.ms 20 s); a claim ended so is rolled back and its run tried again.
         */
        @WithDefault("PT1M")
        Duration claimTimeout();

        /** How long the list of a schedule's jobs keeps a run: as long as the job's status is kept by default. */
        @WithDefault("30d")
        Duration runsRetention();
    }

    /**
     * How many jobs a caller may submit (JobAdmission; the README's "Admission"), in any minute, across all pods; over
     * either limit a job is answered 429 with Retry-After. 0 turns a limit off. Scheduled runs are not counted: a
     * schedule's minimum interval is their limit.
     */
    interface Admission {
        /** {@code INGRESS_JOBS_PER_MINUTE_PER_KEY}: jobs one {@code X-API-Key} may submit (client_id jobs and bulk items). */
        @WithDefault("120")
        int jobsPerMinutePerKey();

        /**
         * {@code INGRESS_JOBS_PER_MINUTE_PER_CREDENTIAL}: jobs on one credential (a managed client, whichever key submits
         * for it, or one access token), so that no client takes more than its share of the work and of the quota.
         */
        @WithDefault("30")
        int jobsPerMinutePerCredential();
    }

    /** The operators' web page at {@code /console/} (the README's "Operator console"); its login is the admin key. */
    interface Console {
        /** {@code CONSOLE_SESSION_TTL}: how long a login lasts; then the page asks for the key again. */
        @WithDefault("8h")
        Duration sessionTtl();

        /** {@code CONSOLE_SECURE_COOKIE}: send the session cookie over HTTPS only (on wherever the console is reached over TLS). */
        @WithDefault("false")
        boolean secureCookie();

        /**
         * {@code CONSOLE_WORKERS}: the pods whose intake the console shows and pauses, entries {@code <worker>=<base url>}.
         * A host that resolves to several addresses (a Kubernetes headless Service) is one pod per address.
         */
        Optional<List<String>> workers();
    }
}
