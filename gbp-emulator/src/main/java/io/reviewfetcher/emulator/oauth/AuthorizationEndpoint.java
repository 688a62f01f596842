package io.reviewfetcher.emulator.oauth;

import io.reviewfetcher.emulator.stats.CallStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Google's authorization endpoint. The demo user is always signed in and consents at once, so a
 * valid request answers 302 straight back to the client with a code. Problems with the client or
 * its redirect URI are shown as an error page (Google never redirects to an unverified URI); other
 * problems go back to the redirect URI as {@code error=...}, with {@code state} echoed.
 */
@Path("/o/oauth2/v2/auth")
public class AuthorizationEndpoint {

    private final OAuthClients clients;
    private final TokenStore tokens;
    private final CallStats stats;

    public AuthorizationEndpoint(OAuthClients clients, TokenStore tokens, CallStats stats) {
        this.clients = clients;
        this.tokens = tokens;
        this.stats = stats;
    }

    @GET
    public Response authorize(@QueryParam("client_id") String clientId,
                              @QueryParam("redirect_uri") String redirectUri,
                              @QueryParam("response_type") String responseType,
                              @QueryParam("scope") String scope,
                              @QueryParam("state") String state,
                              @QueryParam("access_type") String accessType,
                              @QueryParam("prompt") String prompt,
                              @QueryParam("code_challenge") String codeChallenge,
                              @QueryParam("code_challenge_method") String codeChallengeMethod) {
        Response response = decide(clientId, redirectUri, responseType, scope, state, accessType, prompt,
                codeChallenge, codeChallengeMethod);
        stats.record("oauth.authorize", response.getStatus());
        return response;
    }

    private Response decide(String clientId, String redirectUri, String responseType, String scope, String state,
                            String accessType, String prompt, String codeChallenge, String codeChallengeMethod) {
        if (blank(clientId)) {
            return page(400, "invalid_request", "Missing required parameter: client_id");
        }
        OAuthClients.Client client = clients.find(clientId).orElse(null);
        if (client == null) {
            return page(401, "invalid_client", "The OAuth client was not found.");
        }
        if (blank(redirectUri)) {
            return page(400, "invalid_request", "Missing required parameter: redirect_uri");
        }
        if (!client.redirectUris().contains(redirectUri)) {
            return page(400, "redirect_uri_mismatch", "You can't sign in to this app because it doesn't comply with "
                    + "Google's OAuth 2.0 policy. Register the redirect URI " + redirectUri + " for this client.");
        }
        if (blank(responseType)) {
            return page(400, "invalid_request", "Required parameter is missing: response_type");
        }
        if (!"code".equals(responseType)) {
            return back(redirectUri, "error", "unsupported_response_type", state);
        }
        if (blank(scope)) {
            return page(400, "invalid_request", "Missing required parameter: scope");
        }
        Set<String> scopes = Scopes.parse(scope);
        if (!Scopes.allowsBusinessProfile(scopes)) {
            return back(redirectUri, "error", "invalid_scope", state);
        }
        if (accessType != null && !accessType.equals("online") && !accessType.equals("offline")) {
            return page(400, "invalid_request", "Invalid access_type: " + accessType);
        }
        if (codeChallenge != null && codeChallengeMethod != null
                && !codeChallengeMethod.equals("S256") && !codeChallengeMethod.equals("plain")) {
            return page(400, "invalid_request", "Invalid code_challenge_method: " + codeChallengeMethod);
        }
        Set<String> prompts = Scopes.parse(prompt);
        if (prompts.contains("none") && !tokens.hasConsent(clientId)) {
            return back(redirectUri, "error", "consent_required", state);
        }
        String code = tokens.issueCode(clientId, redirectUri, String.join(" ", scopes), "offline".equals(accessType),
                prompts.contains("consent"), codeChallenge,
                codeChallenge == null ? null : codeChallengeMethod == null ? "plain" : codeChallengeMethod);
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + "&scope=" + encode(String.join(" ", scopes)) + "&authuser=0"
                + "&prompt=" + (prompts.contains("consent") ? "consent" : "none")
                + (state == null ? "" : "&state=" + encode(state));
        return Response.status(302).location(URI.create(location)).build();
    }

    private static Response back(String redirectUri, String key, String value, String state) {
        String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + key + "=" + encode(value)
                + (state == null ? "" : "&state=" + encode(state));
        return Response.status(302).location(URI.create(location)).build();
    }

    /** Google's error page: the user sees it, the client gets nothing back. */
    private static Response page(int status, String error, String detail) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + status + " ("
                + error + ")</title></head><body><h1>Access blocked: authorization error</h1><p>Error " + status + ": "
                + error + "</p><p>" + escape(detail) + "</p></body></html>";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
