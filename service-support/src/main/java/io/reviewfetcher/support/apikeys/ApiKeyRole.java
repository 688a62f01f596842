package io.reviewfetcher.support.apikeys;

/** Who presents an {@code X-API-Key}, each role with its own keys. */
public enum ApiKeyRole {
    /** A business or agency submitting jobs for a managed client ({@code INGRESS_API_KEYS}). */
    CALLER,
    /** One of our services calling another, e.g. a worker asking token-service for permits ({@code SERVICE_API_KEY}). */
    SERVICE,
    /** An operator: pause and resume intake, dead letters, clients and branches ({@code ADMIN_API_KEY}). */
    ADMIN
}
