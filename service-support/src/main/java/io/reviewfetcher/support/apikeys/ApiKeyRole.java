package io.reviewfetcher.support.apikeys;

/**
 * What an {@code X-API-Key} lets its holder do, each role with its own keys. token-service's two service
 * roles are apart because they are far apart in power: a permit hands out a client's live Google access token.
 * ingress-api's caller keys are not a role here: each is valid for some clients only, so ingress-api reads them
 * itself ({@code CallerKeys}, from {@link ApiKeyConfig#caller()}).
 */
public enum ApiKeyRole {
    /**
     * A worker asking token-service for permits, each with a live Google access token of any client
     * ({@code TOKEN_SERVICE_PERMIT_KEYS}, by default {@code SERVICE_API_KEY}).
     */
    PERMITS,
    /**
     * ingress-api handing token-service a submitter's access token to keep behind a reference, which gives
     * nothing back but the reference ({@code TOKEN_SERVICE_CREDENTIAL_KEYS}, by default {@code SERVICE_API_KEY}
     * and {@code INGRESS_SERVICE_API_KEY}).
     */
    CREDENTIALS,
    /** An operator: pause and resume intake, dead letters, clients and branches ({@code ADMIN_API_KEY}). */
    ADMIN
}
