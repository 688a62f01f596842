package io.reviewfetcher.tokens.quota;

/**
 * What the bucket answered: a permit, or how long to wait for the token reserved for this caller.
 *
 * @param level   tokens in the bucket after this request; negative while tokens are promised to waiting callers
 * @param waiting callers holding a reserved place
 */
public record QuotaDecision(boolean granted, long waitMillis, double level, long waiting) {
}
