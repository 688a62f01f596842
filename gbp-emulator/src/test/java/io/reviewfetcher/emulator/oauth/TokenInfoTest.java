package io.reviewfetcher.emulator.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reviewfetcher.emulator.EmulatorParts;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * tokeninfo takes the token as Google's own clients send it: {@code ?access_token=} or the form, and as an
 * {@code Authorization: Bearer} header (google-auth-library's getTokenInfo posts an empty form with the header).
 */
class TokenInfoTest {

    private final EmulatorParts emulator = new EmulatorParts();
    private final String token = emulator.token();

    private static String scope(Response response) {
        assertEquals(200, response.getStatus(), () -> String.valueOf(response.getEntity()));
        return ((OAuthJson.TokenInfo) response.getEntity()).scope();
    }

    private static String error(Response response) {
        assertEquals(400, response.getStatus());
        return ((OAuthJson.Error) response.getEntity()).error();
    }

    @Test
    void aBearerHeaderIsReadOnGetAndPost() {
        assertEquals(Scopes.BUSINESS_MANAGE, scope(emulator.oauth.tokenInfo(null, "Bearer " + token)));
        assertEquals(Scopes.BUSINESS_MANAGE, scope(emulator.oauth.tokenInfoPost(new MultivaluedHashMap<>(), null,
                "bearer " + token)));
    }

    @Test
    void theQueryAndTheFormStillWork() {
        assertEquals(Scopes.BUSINESS_MANAGE, scope(emulator.oauth.tokenInfo(token, null)));
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("access_token", token);
        assertEquals(Scopes.BUSINESS_MANAGE, scope(emulator.oauth.tokenInfoPost(form, null, null)));
    }

    @Test
    void anUnknownOrMissingTokenIsInvalidWhereverItCameFrom() {
        assertEquals("invalid_token", error(emulator.oauth.tokenInfo(null, "Bearer ya29.not-a-token")));
        assertEquals("invalid_token", error(emulator.oauth.tokenInfo(null, "Basic " + token)));
        assertEquals("invalid_token", error(emulator.oauth.tokenInfo(null, null)));
    }
}
