-- The review store: the store of record for what was delivered (Redis only caches per-job claims).
-- Sized for 10,000 locations x 1,000 reviews: 10 M rows of reviews, one index beside the primary key for the read
-- API and one for the walk's count; rows leave at expires_at (Google's 30-day caching rule) or a week after a
-- verified walk found them deleted.

CREATE TABLE review_store.locations (
    location_id   text PRIMARY KEY,
    account_id    text        NOT NULL,
    -- The newest update_time delivered by the location's last complete walk: incremental runs fetch what is newer.
    watermark     timestamptz,
    -- Google's totalReviewCount when a full walk was last verified complete against it.
    review_count  integer,
    verified_job  text,
    verified_at   timestamptz,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE review_store.reviews (
    location_id  text        NOT NULL,
    review_id    text        NOT NULL,
    account_id   text        NOT NULL,
    update_time  timestamptz NOT NULL,
    create_time  timestamptz NOT NULL,
    star_rating  smallint    NOT NULL,
    -- The review as Google sent it (reviews.list / batchGetReviews JSON, Google's field names).
    google       jsonb       NOT NULL,
    fetched_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    -- When a job last met the review, by the database's clock (one clock for every pod): a walk's end does not take a
    -- review met since the walk started, by any job, for deleted.
    met_at       timestamptz NOT NULL DEFAULT now(),
    -- The job that last met the review, and what the review was to that job: the first page of a job to meet a
    -- review decides (new, updated or unchanged against the row as it was), every later write of that job keeps it,
    -- so a page run again after a crash delivers the same change.
    last_job     text        NOT NULL,
    job_change   text        NOT NULL CHECK (job_change IN ('new', 'updated', 'unchanged')),
    -- A tombstone: the verified walk that found the review gone, and when; the row leaves with the pruning.
    deleted_job  text,
    deleted_at   timestamptz,
    PRIMARY KEY (location_id, review_id)
);

-- The read API: a location's reviews by update_time (cursor: update_time, review_id).
CREATE INDEX reviews_by_update_time ON review_store.reviews (location_id, update_time, review_id);
-- The walk's count of distinct reviews, and the deletions: a location's rows by the job that last met them.
CREATE INDEX reviews_by_last_job ON review_store.reviews (location_id, last_job);
-- The pruning: rows past their expiry, and tombstones a week old (partial: tombstones are few, and without it each
-- pruning batch would scan the whole table for them).
CREATE INDEX reviews_by_expiry ON review_store.reviews (expires_at);
CREATE INDEX reviews_tombstoned ON review_store.reviews (deleted_at) WHERE deleted_at IS NOT NULL;
