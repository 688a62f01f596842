package io.reviewfetcher.ingress.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.reviewfetcher.ingress.api.ProblemException;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Exchanges a submitter's access token for a credential reference ({@code cred:…}) at token-service, which
 * checks it with Google's tokeninfo first. The token goes nowhere else: only the reference enters events.
 * Google rejecting the token is the submitter's 401; token-service being down, slow or misconfigured is a 503.
 */
@ApplicationScoped
public class CredentialExchange {

    private static final Pattern REFERENCE = Pattern.compile("cred:[A-Za-z0-9_-]{16,64}");

    private final TokenServiceApi tokenService;
    private final ObjectMapper json;
    private final String serviceKey;
    private final Duration retryAfter;

    public CredentialExchange(@RestClient TokenServiceApi tokenService, ObjectMapper json, IngressConfig config) {
        this.tokenService = tokenService;
        this.json = json;
        this.serviceKey = config.security().serviceApiKey().filter(key -> !key.isBlank()).orElse(null);
        this.retryAfter = config.submissions().retryAfter();
    }

    public Uni<String> referenceFor(String accessToken) {
        if (serviceKey == null) {
            return Uni.createFrom().failure(ProblemException.unavailable(
                    "access-token jobs are not available: SERVICE_API_KEY is not configured", null));
        }
        return tokenService.keep(serviceKey, new TokenServiceApi.CredentialRequest(accessToken))
                .map(this::checked)
                .onFailure(e -> !(e instanceof ProblemException)).transform(this::explain);
    }

    private String checked(TokenServiceApi.CredentialResponse response) {
        if (response == null || response.credential() == null || !REFERENCE.matcher(response.credential()).matches()) {
            Log.error("token-service answered POST /api/v1/credentials without a cred:<id> reference");
            throw ProblemException.unavailable("token-service gave an unusable answer", retryAfter);
        }
        return response.credential();
    }

    private Throwable explain(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response response = web.getResponse();
            int status = response.getStatus();
            if ((status == 401 || status == 400) && !"unauthorized".equals(problemSlug(response))) {
                return ProblemException.unauthorized("invalid-access-token", "Invalid access token",
                        "Google does not accept this access token (invalid, expired, revoked or without the business.manage scope)");
            }
            if (status == 401 || status == 403) {
                // token-service refused our own key: an operator must fix SERVICE_API_KEY.
                Log.error("token-service refused ingress-api's SERVICE_API_KEY; access-token jobs fail until it is fixed");
            } else {
                Log.warnf("token-service answered %d to POST /api/v1/credentials", status);
            }
            return ProblemException.unavailable("token-service could not take the access token; try again shortly", retryAfter);
        }
        // Connection refused, timeout: the type is enough, messages of client libraries may carry request data.
        Log.warnf("token-service unreachable for POST /api/v1/credentials (%s)", failure.getClass().getSimpleName());
        return ProblemException.unavailable("token-service is unreachable; try again shortly", retryAfter);
    }

    /** The last path segment of a problem's {@code type}, e.g. {@code invalid-access-token}. */
    private String problemSlug(Response response) {
        try {
            if (!response.hasEntity()) {
                return "";
            }
            JsonNode problem = json.readTree(response.readEntity(String.class));
            String type = problem.path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (Exception e) {
            return "";
        }
    }
}
