-- Scheduled syncs (ingress-api): the schedules, and the runs each started (the list of a schedule's jobs).
-- Migrated by ingress-api alone, with its own Flyway history (scheduling.scheduling_schema_history): see
-- application.properties for why this is not a location of the review store's Flyway.

CREATE TABLE scheduling.schedules (
    id                  uuid PRIMARY KEY,
    client_id           text NOT NULL,
    -- null: every account (location) of the client, as a job without account_ids (location_ids)
    account_ids         text[],
    location_ids        text[],
    -- whole seconds; a kind of run the schedule has has an interval and a next due time, the other neither
    incremental_every_s bigint CHECK (incremental_every_s > 0),
    full_every_s        bigint CHECK (full_every_s > 0),
    paused              boolean NOT NULL DEFAULT false,
    next_incremental_at timestamptz,
    next_full_at        timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    runs_started        bigint NOT NULL DEFAULT 0,
    runs_skipped        bigint NOT NULL DEFAULT 0,
    last_job_id         uuid,
    last_run_at         timestamptz,
    CONSTRAINT schedules_have_an_interval CHECK (incremental_every_s IS NOT NULL OR full_every_s IS NOT NULL),
    CONSTRAINT schedules_incremental_due CHECK ((incremental_every_s IS NULL) = (next_incremental_at IS NULL)),
    CONSTRAINT schedules_full_due CHECK ((full_every_s IS NULL) = (next_full_at IS NULL))
);

-- The pollers' claim: unpaused schedules by their earliest due time (LEAST skips a null).
CREATE INDEX schedules_due ON scheduling.schedules ((LEAST(next_incremental_at, next_full_at))) WHERE NOT paused;
-- The list, newest first.
CREATE INDEX schedules_newest ON scheduling.schedules (created_at DESC, id DESC);

CREATE TABLE scheduling.runs (
    -- The run's job id, derived from (schedule, trigger, due time): one row per run however often it was published.
    job_id      uuid PRIMARY KEY,
    schedule_id uuid NOT NULL REFERENCES scheduling.schedules (id) ON DELETE CASCADE,
    trigger     text NOT NULL CHECK (trigger IN ('schedule:full', 'schedule:incremental')),
    due_at      timestamptz NOT NULL,
    started_at  timestamptz NOT NULL
);

CREATE INDEX runs_of_schedule ON scheduling.runs (schedule_id, started_at DESC, job_id DESC);
