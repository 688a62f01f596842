package io.reviewfetcher.tokens.grants;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.oauth.GoogleOAuthException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/credentials/clients/{client_id}} over {@link InMemoryGrants} (one client, id 7): a known client is
 * answered with whether it can have tokens minted, an unknown one is 404, and the answer carries no token.
 */
class ClientConnectionResourceTest {

    private static final String ID = Long.toString(InMemoryGrants.CLIENT_ID);

    @Test
    void aClientWithAValidGrantAndARefreshTokenIsConnected() throws Exception {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.current", Instant.now().plusSeconds(3000));

        ClientConnectionResource.ClientConnection answer = new ClientConnectionResource(grants.tokens).connection(ID);

        assertEquals(new ClientConnectionResource.ClientConnection(ID, true), answer);
        String json = new ObjectMapper().writeValueAsString(answer);
        assertEquals("{\"client_id\":\"7\",\"connected\":true}", json);
        assertFalse(json.contains("ya29") || json.contains("1//"), "a token in the answer");
    }

    @Test
    void aClientThatNeverCompletedTheOAuthFlowExistsButIsNotConnected() {
        InMemoryGrants grants = new InMemoryGrants();

        assertFalse(new ClientConnectionResource(grants.tokens).connection(ID).connected());
    }

    @Test
    void aClientWhoseGrantGoogleRevokedIsNotConnected() {
        InMemoryGrants grants = new InMemoryGrants().connected("ya29.old", Instant.now().plusSeconds(60))
                .google(() -> {
                    throw new GoogleOAuthException(400, "invalid_grant", "Token has been expired or revoked.");
                });
        ClientConnectionResource resource = new ClientConnectionResource(grants.tokens);
        assertTrue(resource.connection(ID).connected(), "connected until a refresh is refused");

        assertThrows(ReconnectRequiredException.class, () -> grants.tokens.valid(InMemoryGrants.CLIENT_ID));

        assertFalse(resource.connection(ID).connected());
    }

    @Test
    void anUnknownClientIs404() {
        ClientConnectionResource resource = new ClientConnectionResource(new InMemoryGrants().tokens);

        assertEquals("client 8", assertThrows(NotFoundException.class, () -> resource.connection("8")).what());
        assertEquals("client acme", assertThrows(NotFoundException.class, () -> resource.connection("acme")).what(),
                "clients are numbered: any other id names none");
        assertEquals("this client", assertThrows(NotFoundException.class, () -> resource.connection("+7")).what());
        assertEquals("this client", assertThrows(NotFoundException.class, () -> resource.connection("<b>x</b>")).what(),
                "an id in no client's form is not repeated");
    }
}
