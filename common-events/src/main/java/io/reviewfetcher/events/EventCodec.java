package io.reviewfetcher.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes events as snake_case JSON and reads them strictly: an unknown {@code type}, a missing required field,
 * a field of the wrong JSON type or an unknown field is an {@link EventFormatException} naming the field; a newer
 * {@code schema_version} is a {@link NewerEventVersionException}, a record for newer code rather than a broken one.
 * What to do with such a record (dead-letter it, or leave it for a newer reader) is the caller's decision.
 * Thread-safe; framework-free on purpose, so it is the contract and nothing else.
 *
 * <p>A rejection names the field and the kind of problem, never the rejected value nor the text around it:
 * its message goes to logs and dead letters, and a record that breaks the contract may carry anything, an
 * access token included. Jackson's own messages quote the value, so they are not passed on.
 *
 * <p>Each type is written at its own {@link EventType#schemaVersion()}. An older version of a type is still
 * read, as strictly as when it was current: a field added since is refused in it, and takes the value the old
 * version meant ({@link #ADDED_SINCE}), so a version-1 {@code fetch_locations} is the first page.
 */
public final class EventCodec {
    static final String TYPE = "type";
    static final String SCHEMA_VERSION = "schema_version";

    private static final ObjectMapper MAPPER = strictMapper();
    /** How every field of the contract is named: snake_case, short. */
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /**
     * Per type, the fields each version added, with the value a record of an older version means by leaving
     * them out. Version 2 of the stage events: one page of every Google list per record; and, added to version 2
     * later without raising it, {@code replayed_at}, (fetch_accounts) {@code notifications} and (fetch_reviews) {@code review_count}, {@code walk_restarts},
     * {@code recovery_walk} and {@code walk_started_at}:
     * optional and written only when set, so every record without them is what version 2 always was, and pods that
     * predate a field still read such records. Version 2 of {@code job_event} was not released before
     * {@code locations_done} and {@code listed_location_ids} joined it, so they are always written.
     */
    private static final Map<EventType, Map<Integer, Map<String, JsonNode>>> ADDED_SINCE = Map.of(
            EventType.FETCH_ACCOUNTS, Map.of(2, ordered("page_token", NullNode.getInstance(),
                    "page_number", IntNode.valueOf(1), "page_token_mark", NullNode.getInstance(),
                    "replayed_at", NullNode.getInstance(), "notifications", NullNode.getInstance())),
            EventType.FETCH_LOCATIONS, Map.of(2, ordered("page_token", NullNode.getInstance(),
                    "page_number", IntNode.valueOf(1), "page_token_mark", NullNode.getInstance(),
                    "replayed_at", NullNode.getInstance())),
            EventType.FETCH_REVIEWS, Map.of(2, ordered("page_token_mark", NullNode.getInstance(),
                    "replayed_at", NullNode.getInstance(), "review_count", NullNode.getInstance(),
                    "walk_restarts", NullNode.getInstance(), "recovery_walk", NullNode.getInstance(),
                    "walk_started_at", NullNode.getInstance())),
            EventType.REVIEW_RAW, Map.of(2, ordered("change", NullNode.getInstance())),
            EventType.JOB_EVENT, Map.of(2, ordered("reviews_new", IntNode.valueOf(0), "reviews_updated", IntNode.valueOf(0),
                    "reviews_unchanged", IntNode.valueOf(0), "reviews_deleted", IntNode.valueOf(0),
                    "incomplete", NullNode.getInstance(), "locations_done", IntNode.valueOf(0),
                    "listed_location_ids", JsonNodeFactory.instance.arrayNode())));

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(toTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName(), e);
        }
    }

    public static String encodeToString(Event event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    public static Event decode(byte[] json) {
        return fromTree(tree(json));
    }

    /** The record's JSON, read as strictly as {@link #decode} reads it (no field twice, nothing after it), or null. */
    static JsonNode treeOrNull(byte[] json) {
        try {
            return tree(json);
        } catch (EventFormatException unreadable) {
            return null;
        }
    }

    private static JsonNode tree(byte[] json) {
        if (json == null) {
            throw new EventFormatException("$", "record has no value");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonParseException e) {
            throw new EventFormatException("$", "not valid JSON" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            // Reading a tree fails otherwise only on a field given twice or on one of the parser's size limits.
            throw new EventFormatException("$", "not one readable JSON object (a field given twice, or past the parser's limits)"
                    + at(e.getLocation()));
        } catch (IOException e) {
            throw new EventFormatException("$", "not readable (" + e.getClass().getSimpleName() + ")");
        }
        return tree;
    }

    public static Event decode(String json) {
        return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The type a record says it is, read from its top-level {@code type} alone, without decoding the rest: how the
     * consumer of a topic that carries two types picks the reader that then decodes it strictly ({@link #decode(byte[],
     * Class)}). Empty when the record names no type of the contract, or is not a JSON object that gets that far: its
     * reader dead-letters it then as poison, as it would anyway.
     */
    public static Optional<EventType> declaredType(byte[] json) {
        if (json == null) {
            return Optional.empty();
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (TYPE.equals(field)) {
                    return value == JsonToken.VALUE_STRING ? EventType.fromWireName(parser.getText()) : Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** Decodes and insists on one type, as a consumer of one topic does. */
    public static <T extends Event> T decode(byte[] json, Class<T> expected) {
        Event event = decode(json);
        if (!expected.isInstance(event)) {
            throw new EventFormatException(TYPE, "'" + EventType.of(event).wireName() + "' does not belong here, expected '"
                    + wireNameOf(expected) + "'");
        }
        return expected.cast(event);
    }

    private static String wireNameOf(Class<? extends Event> type) {
        for (EventType t : EventType.values()) {
            if (t.recordClass() == type) {
                return t.wireName();
            }
        }
        return type.getSimpleName();
    }

    private static ObjectNode toTree(Event event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(TYPE, EventType.of(event).wireName());
        node.put(SCHEMA_VERSION, EventType.of(event).schemaVersion());
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    private static Event fromTree(JsonNode tree) {
        if (!tree.isObject()) {
            throw new EventFormatException("$", "must be a JSON object");
        }
        ObjectNode fields = ((ObjectNode) tree).deepCopy();
        EventType type = typeOf(fields.remove(TYPE));
        int version = checkVersion(type, fields.remove(SCHEMA_VERSION));
        upgrade(type, version, fields);
        try {
            return MAPPER.treeToValue(fields, type.recordClass());
        } catch (JsonMappingException e) {
            throw explain(e);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("$", "not readable (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Where the parser stopped: a position, which quotes nothing of the input. */
    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static EventType typeOf(JsonNode type) {
        if (type == null || type.isNull()) {
            throw new EventFormatException(TYPE, "is required");
        }
        if (!type.isTextual()) {
            throw new EventFormatException(TYPE, "must be a string");
        }
        return EventType.fromWireName(type.asText())
                .orElseThrow(() -> new EventFormatException(TYPE, "is not an event type of the contract"));
    }

    private static int checkVersion(EventType type, JsonNode version) {
        if (version == null || version.isNull()) {
            throw new EventFormatException(SCHEMA_VERSION, "is required");
        }
        if (!version.isInt()) {
            throw new EventFormatException(SCHEMA_VERSION, "must be an integer");
        }
        if (version.intValue() > type.schemaVersion()) {
            throw new NewerEventVersionException(SCHEMA_VERSION, type);
        }
        if (version.intValue() < 1) {
            throw new EventFormatException(SCHEMA_VERSION, "must be at least 1");
        }
        return version.intValue();
    }

    /**
     * Brings a record of an older version of its type to the current shape: a field added since that version
     * is not a field of the record (strictness applies per version), and it takes the value the old version meant.
     */
    private static void upgrade(EventType type, int version, ObjectNode fields) {
        Map<Integer, Map<String, JsonNode>> added = ADDED_SINCE.getOrDefault(type, Map.of());
        for (int since = version + 1; since <= type.schemaVersion(); since++) {
            for (Map.Entry<String, JsonNode> field : added.getOrDefault(since, Map.of()).entrySet()) {
                if (fields.has(field.getKey())) {
                    throw new EventFormatException(field.getKey(), "is not a field of version " + version + " of '"
                            + type.wireName() + "' (added in version " + since + ")");
                }
                // A copy: the implied value (an empty array, say) is shared by every record read.
                fields.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    /**
     * What a record of {@code version} of {@code type} means by leaving {@code field} out, when that version did
     * not have the field (a version-1 {@code fetch_accounts} is page 1); null when the version had it, or is no
     * version of the type.
     */
    static JsonNode impliedWhenLeftOut(EventType type, int version, String field) {
        if (version < 1) {
            return null;
        }
        Map<Integer, Map<String, JsonNode>> added = ADDED_SINCE.getOrDefault(type, Map.of());
        for (int since = version + 1; since <= type.schemaVersion(); since++) {
            JsonNode meant = added.getOrDefault(since, Map.of()).get(field);
            if (meant != null) {
                return meant;
            }
        }
        return null;
    }

    private static Map<String, JsonNode> ordered(Object... fieldsAndValues) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put((String) fieldsAndValues[i], (JsonNode) fieldsAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Turns Jackson's exception into one that names the field by its JSON path and says what it must be. */
    private static EventFormatException explain(JsonMappingException e) {
        String path = pathOf(e);
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof EventFormatException invalid) {
                return path.isEmpty() ? invalid : invalid.under(path);
            }
        }
        String field = path.isEmpty() ? "$" : path;
        if (e instanceof UnrecognizedPropertyException) {
            return new EventFormatException(field, "is not a field of this event");
        }
        if (e instanceof InvalidNullException) {
            return new EventFormatException(field, "is required");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new EventFormatException(field, "must be " + expected(mismatch.getTargetType()));
        }
        return new EventFormatException(field, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }

    /** What a field of this Java type holds on the wire, in words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Instant.class) {
            return "an ISO-8601 timestamp with offset";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(value -> MAPPER.valueToTree(value).asText())
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /**
     * The JSON path of the failure. A field's name is input too (an unknown field's name is the producer's): one
     * that does not look like a field name of the contract is shown as {@code ?}, as it might be a token.
     */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                String name = FIELD_NAME.matcher(ref.getFieldName()).matches() ? ref.getFieldName() : "?";
                path.append(path.length() == 0 ? "" : ".").append(name);
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ObjectMapper strictMapper() {
        SimpleModule contract = new SimpleModule("review-fetcher-events")
                .addSerializer(Instant.class, new InstantSerializer())
                .addDeserializer(Instant.class, new InstantDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Emoji as UTF-8, not as escaped surrogate pairs: reviews are full of them.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .addModule(contract)
                .build();
        // A JSON number is not a string, nor a string a number or a boolean: no silent coercion.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** ISO-8601 in UTC, e.g. {@code 2026-11-21T10:15:30.123Z}. */
    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Accepts only an ISO-8601 string with an offset; an epoch number is a wrong type here. */
    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            try {
                return OffsetDateTime.parse(p.getText()).toInstant();
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), "not an ISO-8601 timestamp with offset");
            }
        }
    }

    /**
     * A stage event inside a retry request or dead letter keeps its own {@code type} and version, so it
     * can be replayed exactly as it was. Named on the record components that hold one.
     */
    static final class NestedStageEventSerializer extends JsonSerializer<StageEvent> {
        @Override
        public void serialize(StageEvent value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(toTree(value));
        }
    }

    static final class NestedStageEventDeserializer extends JsonDeserializer<StageEvent> {
        @Override
        public StageEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Event event = fromTree(ctxt.readTree(p));
            if (event instanceof StageEvent stage) {
                return stage;
            }
            throw new EventFormatException(TYPE, "'" + EventType.of(event).wireName() + "' is not a stage event");
        }
    }
}
