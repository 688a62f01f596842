package io.reviewfetcher.ingress.submission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a request body into a {@link Submission}, or refuses it with an exception that names the field:
 * {@link InvalidSubmission} (malformed when the body is not the request's JSON shape: not JSON, not an
 * object, a wrong JSON type, an unknown field; invalid when it is well-formed but a value is unacceptable),
 * {@link UnusableCredential} when the credential is missing or cannot be a token.
 * Reads strictly, as {@code EventCodec} does: no coercion ({@code 123} is not a string), no unknown fields,
 * no duplicate keys. No message built here quotes the input.
 */
@Startup
@ApplicationScoped
public class SubmissionReader {

    /** What token-service accepts: printable ASCII without spaces. Google's tokens are at most 2048 bytes. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,4096}");
    private static final String BEARER = "bearer ";

    private final ObjectMapper mapper = strictMapper();
    private final int maxIds;

    public SubmissionReader(IngressConfig config) {
        this.maxIds = config.limits().maxIds();
        warmUp();
    }

    /**
     * Builds Jackson's deserializers at start-up (the bean is {@code @Startup}): the first request would
     * otherwise do it on the event loop, which on a busy machine took seconds.
     */
    private void warmUp() {
        try {
            mapper.readValue("{\"client_id\":\"warm-up\",\"account_ids\":[\"1\"],\"mode\":\"full\"}", SubmissionRequest.class);
            mapper.readValue("{\"submissions\":[{}]}", BulkRequest.class);
        } catch (IOException e) {
            throw new IllegalStateException("the submission reader cannot read its own sample", e);
        }
    }

    /** One submission from the body of {@code POST /api/v1/review-fetch} and its Authorization header. */
    public Submission read(byte[] body, String authorization) {
        if (isBlank(body)) {
            throw InvalidSubmission.malformed("the body is empty; send a JSON object ({} when the token comes in the Authorization header)");
        }
        SubmissionRequest request;
        try {
            request = mapper.readValue(body, SubmissionRequest.class);
        } catch (IOException e) {
            throw explain(e, "");
        }
        if (request == null) {
            throw InvalidSubmission.malformed("the body must be a JSON object");
        }
        return check(request, authorization, "");
    }

    /** The whole body of a bulk call: an object whose {@code submissions} holds the items, unread. */
    public List<JsonNode> readBulk(byte[] body, int maxItems) {
        if (isBlank(body)) {
            throw InvalidSubmission.malformed("the body is empty; send {\"submissions\": [...]}");
        }
        BulkRequest request;
        try {
            request = mapper.readValue(body, BulkRequest.class);
        } catch (IOException e) {
            throw explain(e, "");
        }
        if (request == null) {
            throw InvalidSubmission.malformed("the body must be a JSON object");
        }
        if (request.submissions() == null) {
            throw InvalidSubmission.invalidField("submissions", "is required");
        }
        if (request.submissions().isEmpty()) {
            throw InvalidSubmission.invalidField("submissions", "must hold at least one submission");
        }
        if (request.submissions().size() > maxItems) {
            throw InvalidSubmission.invalidField("submissions", "must hold at most " + maxItems + " submissions");
        }
        return request.submissions();
    }

    /** One item of a bulk call; fields are named by their path in the bulk body ({@code submissions[3].mode}). */
    public Submission readItem(JsonNode item, int index) {
        String prefix = "submissions[" + index + "]";
        if (item == null || !item.isObject()) {
            throw InvalidSubmission.malformedField(prefix, "must be a JSON object");
        }
        SubmissionRequest request;
        try {
            request = mapper.treeToValue(item, SubmissionRequest.class);
        } catch (JsonProcessingException e) {
            throw explain(e, prefix);
        }
        return check(request, null, prefix + ".");
    }

    private Submission check(SubmissionRequest request, String authorization, String prefix) {
        List<InvalidSubmission.FieldError> errors = new ArrayList<>();
        List<String> accountIds = IdRules.ids(request.accountIds(), prefix + "account_ids", maxIds, errors);
        List<String> locationIds = IdRules.ids(request.locationIds(), prefix + "location_ids", maxIds, errors);
        if (request.clientId() != null && !IdRules.isClientId(request.clientId())) {
            errors.add(new InvalidSubmission.FieldError(prefix + "client_id", IdRules.CLIENT_ID_RULE));
        }
        int credentials = (authorization != null ? 1 : 0) + (request.accessToken() != null ? 1 : 0) + (request.clientId() != null ? 1 : 0);
        if (credentials > 1) {
            errors.add(new InvalidSubmission.FieldError(prefix + (request.clientId() != null ? "client_id" : "access_token"),
                    "give exactly one credential: an Authorization Bearer header, access_token or client_id"));
        }
        if (!errors.isEmpty()) {
            throw InvalidSubmission.invalidFields(errors);
        }
        FetchMode mode = request.mode() != null ? request.mode() : FetchMode.FULL;
        return new Submission(credential(request, authorization), accountIds, locationIds, mode);
    }

    private static Submission.Credential credential(SubmissionRequest request, String authorization) {
        if (request.clientId() != null) {
            return new Submission.ManagedClient(request.clientId());
        }
        String token = authorization != null ? bearerToken(authorization) : request.accessToken();
        if (token == null) {
            throw new UnusableCredential(UnusableCredential.Reason.MISSING);
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new UnusableCredential(UnusableCredential.Reason.MALFORMED_TOKEN);
        }
        return new Submission.AccessToken(token);
    }

    private static String bearerToken(String authorization) {
        if (authorization.length() <= BEARER.length() || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnusableCredential(UnusableCredential.Reason.MALFORMED_AUTHORIZATION);
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /** Jackson's failure as a refusal naming the field; Jackson's own message is never used (it may quote the input). */
    private static InvalidSubmission explain(IOException e, String prefix) {
        if (!(e instanceof JsonMappingException mapping)) {
            return InvalidSubmission.malformed("the body is not valid JSON");
        }
        String path = pathOf(mapping, prefix);
        if (e instanceof UnrecognizedPropertyException unknown) {
            // The name is repeated only when it looks like a field name: a stray token as a key must not come back.
            if (IdRules.isFieldName(unknown.getPropertyName())) {
                return InvalidSubmission.malformedField(path, "is not a field of this request");
            }
            String where = stripDot(prefix).isEmpty() ? "body" : stripDot(prefix);
            return InvalidSubmission.malformedField(where, "has a field that is not part of this request (its name is not repeated)");
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == FetchMode.class && invalid.getValue() instanceof String) {
            return InvalidSubmission.invalidField(path, "must be full or incremental");
        }
        if (path.isEmpty() || path.equals(stripDot(prefix))) {
            return InvalidSubmission.malformed((prefix.isEmpty() ? "the body" : stripDot(prefix)) + " must be a JSON object");
        }
        if (e instanceof MismatchedInputException) {
            return InvalidSubmission.malformedField(path, "has the wrong JSON type");
        }
        // Duplicate keys, trailing content and the like surface as mapping exceptions too.
        return InvalidSubmission.malformed("the body is not valid JSON for this request");
    }

    private static String pathOf(JsonMappingException e, String prefix) {
        StringBuilder path = new StringBuilder(stripDot(prefix));
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String stripDot(String prefix) {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    private static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }

    /** The bulk body; items stay trees so that each is read and answered on its own. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record BulkRequest(List<JsonNode> submissions) {
    }
}
