package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.reviewfetcher.emulator.google.model.ErrorBody;
import io.reviewfetcher.emulator.google.model.ErrorBody.FieldViolation;
import io.reviewfetcher.emulator.google.model.ErrorBody.LegacyError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Google's error answers, with Google's wording (see gbp-api.md section 2). */
@ApplicationScoped
public class GoogleErrors {

    static final String INVALID_CREDENTIALS = "Request had invalid authentication credentials. Expected OAuth 2 access "
            + "token, login cookie or other valid authentication credential. See "
            + "https://developers.google.com/identity/sign-in/web/devconsole-project.";
    static final String MISSING_CREDENTIALS = "Request is missing required authentication credential. Expected OAuth 2 "
            + "access token, login cookie or other valid authentication credential. See "
            + "https://developers.google.com/identity/sign-in/web/devconsole-project.";
    static final String REALM = "Bearer realm=\"https://accounts.google.com/\"";

    private final EmulatorConfig config;

    public GoogleErrors(EmulatorConfig config) {
        this.config = config;
    }

    public GoogleApiException invalidArgument(String field, String description) {
        return invalidArgument(List.of(new FieldViolation(field, description)));
    }

    public GoogleApiException invalidArgument(List<FieldViolation> violations) {
        String message = "Request contains an invalid argument.";
        return error(400, "INVALID_ARGUMENT", message, List.of(new ErrorBody.BadRequest(violations)),
                legacy(message, "badRequest"), Map.of());
    }

    /**
     * A bad argument that Google also names by its own error code: an ErrorInfo with that reason (in the method's
     * service domain) beside the field violation.
     */
    public GoogleApiException invalidArgument(GoogleEndpoint endpoint, String reason, String field, String description) {
        String message = "Request contains an invalid argument.";
        return error(400, "INVALID_ARGUMENT", message,
                List.of(new ErrorBody.ErrorInfo(reason, endpoint.service, Map.of()),
                        new ErrorBody.BadRequest(List.of(new FieldViolation(field, description)))),
                legacy(message, "badRequest"), Map.of());
    }

    /** Malformed JSON body: Google says what it could not parse, in the message and as a field violation. */
    public GoogleApiException invalidJson(String problem) {
        String message = "Invalid JSON payload received. " + problem;
        return error(400, "INVALID_ARGUMENT", message,
                List.of(new ErrorBody.BadRequest(List.of(new FieldViolation(null, message)))),
                legacy(message, "badRequest"), Map.of());
    }

    public GoogleApiException failedPrecondition() {
        String message = "Precondition check failed.";
        return error(400, "FAILED_PRECONDITION", message, List.of(), legacy(message, "failedPrecondition"), Map.of());
    }

    public GoogleApiException notFound() {
        String message = "Requested entity was not found.";
        return error(404, "NOT_FOUND", message, List.of(), legacy(message, "notFound"), Map.of());
    }

    public GoogleApiException permissionDenied() {
        String message = "The caller does not have permission";
        return error(403, "PERMISSION_DENIED", message, List.of(), legacy(message, "forbidden"), Map.of());
    }

    public GoogleApiException missingCredentials(GoogleEndpoint endpoint) {
        return error(401, "UNAUTHENTICATED", MISSING_CREDENTIALS,
                List.of(new ErrorBody.ErrorInfo("CREDENTIALS_MISSING", "googleapis.com", serviceMetadata(endpoint))),
                List.of(new LegacyError("Login Required.", "global", "required", "Authorization", "header")),
                Map.of("WWW-Authenticate", REALM));
    }

    /** Unknown, revoked or (with {@code expired}) expired access token. */
    public GoogleApiException invalidCredentials(GoogleEndpoint endpoint, boolean expired) {
        List<Object> details = expired
                ? List.of(new ErrorBody.ErrorInfo("ACCESS_TOKEN_EXPIRED", "googleapis.com", serviceMetadata(endpoint)))
                : List.of();
        return error(401, "UNAUTHENTICATED", INVALID_CREDENTIALS, details,
                List.of(new LegacyError("Invalid Credentials", "global", "authError", "Authorization", "header")),
                Map.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
    }

    public GoogleApiException scopeInsufficient(GoogleEndpoint endpoint) {
        String message = "Request had insufficient authentication scopes.";
        return error(403, "PERMISSION_DENIED", message,
                List.of(new ErrorBody.ErrorInfo("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "googleapis.com", serviceMetadata(endpoint))),
                legacy("Insufficient Permission", "insufficientPermissions"),
                Map.of("WWW-Authenticate", REALM + ", error=\"insufficient_scope\", "
                        + "scope=\"https://www.googleapis.com/auth/business.manage\""));
    }

    public GoogleApiException serviceDisabled(GoogleEndpoint endpoint) {
        long project = config.projectNumber();
        String url = "https://console.developers.google.com/apis/api/" + endpoint.service + "/overview?project=" + project;
        String message = endpoint.title() + " has not been used in project " + project + " before or it is disabled. "
                + "Enable it by visiting " + url + " then retry. If you enabled this API recently, wait a few minutes "
                + "for the action to propagate to our systems and retry.";
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("consumer", "projects/" + project);
        metadata.put("service", endpoint.service);
        metadata.put("activationUrl", url);
        return error(403, "PERMISSION_DENIED", message,
                List.of(new ErrorBody.ErrorInfo("SERVICE_DISABLED", "googleapis.com", metadata),
                        new ErrorBody.Help(List.of(new ErrorBody.Link("Google developers console API activation", url)))),
                legacy(message, "accessNotConfigured"), Map.of());
    }

    /** Quota exhausted; {@code limit} is the configured calls per window. */
    public GoogleApiException rateLimited(GoogleEndpoint endpoint, long limit) {
        long project = config.projectNumber();
        String message = "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service '"
                + endpoint.service + "' for consumer 'project_number:" + project + "'.";
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("consumer", "projects/" + project);
        metadata.put("quota_limit", "DefaultRequestsPerMinutePerProject");
        metadata.put("quota_limit_value", Long.toString(Math.max(0, limit)));
        metadata.put("quota_location", "global");
        metadata.put("quota_metric", endpoint.service + "/default_requests");
        metadata.put("service", endpoint.service);
        List<Object> details = new ArrayList<>();
        details.add(new ErrorBody.ErrorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", metadata));
        details.add(new ErrorBody.Help(List.of(new ErrorBody.Link("Request a higher quota limit.",
                "https://cloud.google.com/docs/quotas/help/request_increase"))));
        Map<String, String> headers = Map.of();
        Duration retryAfter = config.quota().retryAfter().orElse(null);
        if (retryAfter != null) {
            details.add(new ErrorBody.RetryInfo(retryAfter.toSeconds() + "s"));
            headers = Map.of("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
        return error(429, "RESOURCE_EXHAUSTED", message, details, legacy(message, "rateLimitExceeded"), headers);
    }

    public GoogleApiException internal() {
        String message = "Internal error encountered.";
        return error(500, "INTERNAL", message, List.of(), legacy(message, "backendError"), Map.of());
    }

    public GoogleApiException unavailable() {
        String message = "The service is currently unavailable.";
        return error(503, "UNAVAILABLE", message, List.of(), legacy(message, "backendError"), Map.of());
    }

    private static List<LegacyError> legacy(String message, String reason) {
        return List.of(new LegacyError(message, "global", reason, null, null));
    }

    private static Map<String, String> serviceMetadata(GoogleEndpoint endpoint) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("method", endpoint.method);
        metadata.put("service", endpoint.service);
        return metadata;
    }

    private static GoogleApiException error(int code, String status, String message, List<Object> details,
                                            List<LegacyError> errors, Map<String, String> headers) {
        return new GoogleApiException(code, new ErrorBody(new ErrorBody.Error(code, message, errors, status, details)),
                headers);
    }
}
