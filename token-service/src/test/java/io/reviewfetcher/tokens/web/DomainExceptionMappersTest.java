package io.reviewfetcher.tokens.web;

import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.tokens.clients.ClientMisconfiguredException;
import io.reviewfetcher.tokens.permits.CredentialRejectedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The answers a worker classifies: a credential problem it cannot outwait is a 4xx (token-service-client makes
 * it a permanent {@code CredentialRejected}), never a 503 that it would retry until the job's retries run out.
 */
class DomainExceptionMappersTest {

    private final DomainExceptionMappers mappers = new DomainExceptionMappers();

    @Test
    void aPermitForAMisconfiguredClientIsAPermanent401ThatNamesTheProblem() {
        ClientMisconfiguredException cause = new ClientMisconfiguredException(7, "invalid_client");
        Response answer = mappers.credentialRejected(new CredentialRejectedException(
                CredentialRejectedException.Reason.CLIENT_MISCONFIGURED, cause.getMessage()));

        Problem problem = (Problem) answer.getEntity();
        assertEquals(401, answer.getStatus());
        assertEquals("client-misconfigured", problem.slug());
        assertTrue(problem.detail().contains("invalid_client") && problem.detail().contains("PATCH /clients/7"), problem.detail());
        assertNull(problem.reconnectUrl(), "reconnecting does not help: the operator must fix the client");
        assertNull(answer.getHeaderString("Retry-After"), "waiting does not help either");
    }

    @Test
    void anExpiredSubmittedTokenIsToldApartFromAnUnknownCredential() {
        Response expired = mappers.credentialRejected(new CredentialRejectedException(CredentialRejectedException.Reason.EXPIRED,
                "the submitted access token expired"));
        Response unknown = mappers.credentialRejected(new CredentialRejectedException(CredentialRejectedException.Reason.UNKNOWN,
                "the credential is unknown"));

        assertEquals(401, expired.getStatus());
        assertEquals("credential-expired", ((Problem) expired.getEntity()).slug());
        assertEquals("credential-unknown", ((Problem) unknown.getEntity()).slug());
    }

    @Test
    void onTheAdminPathsAMisconfiguredClientIsAConflict() {
        Response answer = mappers.clientMisconfigured(new ClientMisconfiguredException(7, "unauthorized_client"));

        assertEquals(409, answer.getStatus());
        assertEquals("client-misconfigured", ((Problem) answer.getEntity()).slug());
    }
}
