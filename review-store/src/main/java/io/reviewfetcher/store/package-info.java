/**
 * The review store in PostgreSQL (schema {@code review_store}): {@link io.reviewfetcher.store.ReviewStore} and its
 * implementation over the reactive client, {@link io.reviewfetcher.store.PgReviewStore}.
 *
 * <p>Retention. A review row stays while Google's terms allow caching it: each write moves {@code expires_at}
 * on (the writer sets it by Google's 30-day rule), so a review no job meets again expires and goes. A review a verified walk no longer
 * found becomes a tombstone ({@code deleted_at}); the read API no longer answers it, and the row stays a week, so
 * that the deletion can still be told from a review never stored, then goes. A job meeting it again before then
 * makes it live again (answered as new). {@link io.reviewfetcher.store.ReviewStore#prune} removes both kinds in
 * bounded batches; the services schedule it. The {@code locations} rows (watermarks) are small and stay.
 */
package io.reviewfetcher.store;
