package io.reviewfetcher.ingress.schedules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.submission.IdRules;
import io.reviewfetcher.ingress.submission.InvalidSubmission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the bodies of {@code POST} and {@code PATCH /api/v1/schedules}. Read as a JSON tree, so that a PATCH can tell
 * a field left out (no change) from a field set to null (no more runs of that kind, every account or location).
 * Refuses as a job submission does, with {@link InvalidSubmission}: malformed (400) when the body is not the
 * request's shape (not JSON, not an object, a duplicate key, an unknown field, a wrong JSON type), invalid (422)
 * when a value is unacceptable (a bad id or client id, an interval that is no ISO-8601 duration or is out of
 * bounds, no interval at all). No problem quotes a value.
 */
@ApplicationScoped
public class ScheduleBodyReader {

    static final String CLIENT_ID = "client_id";
    static final String ACCOUNT_IDS = "account_ids";
    static final String LOCATION_IDS = "location_ids";
    static final String INCREMENTAL_EVERY = "incremental_every";
    static final String FULL_EVERY = "full_every";
    static final String PAUSED = "paused";

    private static final Set<String> CREATE_FIELDS = Set.of(CLIENT_ID, ACCOUNT_IDS, LOCATION_IDS, INCREMENTAL_EVERY, FULL_EVERY, PAUSED);
    private static final Set<String> PATCH_FIELDS = Set.of(ACCOUNT_IDS, LOCATION_IDS, INCREMENTAL_EVERY, FULL_EVERY, PAUSED);

    // Duplicate keys and trailing content are refused: a body means one thing or is sent again.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    private final IntervalRules intervals;
    private final int maxIds;

    @Inject
    public ScheduleBodyReader(IngressConfig config) {
        this(IntervalRules.of(config.schedules()), config.limits().maxIds());
    }

    public ScheduleBodyReader(IntervalRules intervals, int maxIds) {
        this.intervals = intervals;
        this.maxIds = maxIds;
    }

    /** The body of {@code POST /api/v1/schedules}. */
    public NewSchedule readNew(byte[] body) {
        ObjectNode fields = object(body, CREATE_FIELDS, false);
        String clientId = text(fields, CLIENT_ID);
        List<String> accountIds = strings(fields, ACCOUNT_IDS);
        List<String> locationIds = strings(fields, LOCATION_IDS);
        String incrementalText = text(fields, INCREMENTAL_EVERY);
        String fullText = text(fields, FULL_EVERY);
        Boolean paused = bool(fields, PAUSED);

        List<InvalidSubmission.FieldError> errors = new ArrayList<>();
        if (clientId == null) {
            errors.add(new InvalidSubmission.FieldError(CLIENT_ID, "is required"));
        } else if (!IdRules.isClientId(clientId)) {
            errors.add(new InvalidSubmission.FieldError(CLIENT_ID, IdRules.CLIENT_ID_RULE));
        }
        List<String> accounts = IdRules.ids(accountIds, ACCOUNT_IDS, maxIds, errors);
        List<String> locations = IdRules.ids(locationIds, LOCATION_IDS, maxIds, errors);
        Duration incremental = incrementalText == null ? null : intervals.check(incrementalText, Trigger.INCREMENTAL, INCREMENTAL_EVERY, errors);
        Duration full = fullText == null ? null : intervals.check(fullText, Trigger.FULL, FULL_EVERY, errors);
        if (incrementalText == null && fullText == null) {
            errors.add(new InvalidSubmission.FieldError(INCREMENTAL_EVERY, "or full_every is required: a schedule needs at least one interval"));
            errors.add(new InvalidSubmission.FieldError(FULL_EVERY, "or incremental_every is required: a schedule needs at least one interval"));
        }
        if (!errors.isEmpty()) {
            throw InvalidSubmission.invalidFields(errors);
        }
        return new NewSchedule(clientId, accounts, locations, incremental, full, paused != null && paused);
    }

    /** The body of {@code PATCH /api/v1/schedules/{id}}; whether the schedule keeps an interval is the patch's to tell. */
    public SchedulePatch readPatch(byte[] body) {
        ObjectNode fields = object(body, PATCH_FIELDS, true);
        String incrementalText = text(fields, INCREMENTAL_EVERY);
        String fullText = text(fields, FULL_EVERY);
        List<String> accountIds = strings(fields, ACCOUNT_IDS);
        List<String> locationIds = strings(fields, LOCATION_IDS);
        Boolean paused = bool(fields, PAUSED);

        List<InvalidSubmission.FieldError> errors = new ArrayList<>();
        if (fields.has(PAUSED) && paused == null) {
            errors.add(new InvalidSubmission.FieldError(PAUSED, "must be true or false"));
        }
        Duration incremental = incrementalText == null ? null : intervals.check(incrementalText, Trigger.INCREMENTAL, INCREMENTAL_EVERY, errors);
        Duration full = fullText == null ? null : intervals.check(fullText, Trigger.FULL, FULL_EVERY, errors);
        List<String> accounts = IdRules.ids(accountIds, ACCOUNT_IDS, maxIds, errors);
        List<String> locations = IdRules.ids(locationIds, LOCATION_IDS, maxIds, errors);
        if (!errors.isEmpty()) {
            throw InvalidSubmission.invalidFields(errors);
        }
        return new SchedulePatch(paused, change(fields, INCREMENTAL_EVERY, incremental), change(fields, FULL_EVERY, full),
                change(fields, ACCOUNT_IDS, accounts), change(fields, LOCATION_IDS, locations));
    }

    private static <T> SchedulePatch.Change<T> change(ObjectNode fields, String field, T value) {
        return fields.has(field) ? new SchedulePatch.Change<>(value) : null;
    }

    /** The body as an object of known fields only. */
    private ObjectNode object(byte[] body, Set<String> known, boolean patch) {
        if (isBlank(body)) {
            throw InvalidSubmission.malformed("the body is empty; send a JSON object");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            // Jackson's message is never used: it may quote the input.
            throw InvalidSubmission.malformed("the body is not valid JSON (or repeats a key)");
        }
        if (tree == null || !tree.isObject()) {
            throw InvalidSubmission.malformed("the body must be a JSON object");
        }
        ObjectNode fields = (ObjectNode) tree;
        Iterator<String> names = fields.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (known.contains(name)) {
                continue;
            }
            if (patch && CLIENT_ID.equals(name)) {
                throw InvalidSubmission.invalidField(CLIENT_ID, "cannot change: create a schedule for the other client (and delete this one)");
            }
            if (IdRules.isFieldName(name)) {
                throw InvalidSubmission.malformedField(name, "is not a field of this request");
            }
            throw InvalidSubmission.malformedField("body", "has a field that is not part of this request (its name is not repeated)");
        }
        return fields;
    }

    /** A string field; null when absent or null. */
    private static String text(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field);
        }
        return node.textValue();
    }

    /** A boolean field; null when absent or null. */
    private static Boolean bool(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(field);
        }
        return node.booleanValue();
    }

    /** An array of strings (a null element is kept, for IdRules to name); null when absent or null. */
    private static List<String> strings(ObjectNode fields, String field) {
        JsonNode node = fields.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw wrongType(field);
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isNull()) {
                values.add(null);
            } else if (element.isTextual()) {
                values.add(element.textValue());
            } else {
                throw wrongType(field + "[" + i + "]");
            }
        }
        return values;
    }

    private static InvalidSubmission wrongType(String field) {
        return InvalidSubmission.malformedField(field, "has the wrong JSON type");
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
}
