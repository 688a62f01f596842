-- A location Google keeps no reviews for (400 FAILED_PRECONDITION: unverified) since a full walk found it so: incremental
-- runs leave it to the full runs instead of spending a call on it each time. A verified walk clears it.
ALTER TABLE review_store.locations ADD COLUMN unverified_since timestamptz;
