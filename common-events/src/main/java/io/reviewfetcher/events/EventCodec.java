package io.reviewfetcher.events;

import com.fasterxml.jackson.core.JsonGenerator;
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
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Writes events as snake_case JSON and reads them strictly: an unknown {@code type}, a newer
 * {@code schema_version}, a missing required field, a field of the wrong JSON type or an unknown field
 * is an {@link EventFormatException} naming the field. What to do with such a record (dead-letter it) is
 * the caller's decision. Thread-safe; framework-free on purpose, so it is the contract and nothing else.
 */
public final class EventCodec {
    static final String TYPE = "type";
    static final String SCHEMA_VERSION = "schema_version";

    private static final ObjectMapper MAPPER = strictMapper();

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
        if (json == null) {
            throw new EventFormatException("$", "record has no value");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("$", "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new EventFormatException("$", "not readable (" + e.getMessage() + ")");
        }
        return fromTree(tree);
    }

    public static Event decode(String json) {
        return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
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
        node.put(SCHEMA_VERSION, EventType.SCHEMA_VERSION);
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    private static Event fromTree(JsonNode tree) {
        if (!tree.isObject()) {
            throw new EventFormatException("$", "must be a JSON object");
        }
        ObjectNode fields = ((ObjectNode) tree).deepCopy();
        EventType type = typeOf(fields.remove(TYPE));
        checkVersion(fields.remove(SCHEMA_VERSION));
        try {
            return MAPPER.treeToValue(fields, type.recordClass());
        } catch (JsonMappingException e) {
            throw explain(e);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("$", e.getOriginalMessage());
        }
    }

    private static EventType typeOf(JsonNode type) {
        if (type == null || type.isNull()) {
            throw new EventFormatException(TYPE, "is required");
        }
        if (!type.isTextual()) {
            throw new EventFormatException(TYPE, "must be a string");
        }
        return EventType.fromWireName(type.asText())
                .orElseThrow(() -> new EventFormatException(TYPE, "unknown event type '" + type.asText() + "'"));
    }

    private static void checkVersion(JsonNode version) {
        if (version == null || version.isNull()) {
            throw new EventFormatException(SCHEMA_VERSION, "is required");
        }
        if (!version.isInt()) {
            throw new EventFormatException(SCHEMA_VERSION, "must be an integer");
        }
        if (version.intValue() > EventType.SCHEMA_VERSION) {
            throw new EventFormatException(SCHEMA_VERSION, "version " + version.intValue()
                    + " is newer than the newest this service reads (" + EventType.SCHEMA_VERSION + ")");
        }
        if (version.intValue() < 1) {
            throw new EventFormatException(SCHEMA_VERSION, "must be at least 1");
        }
    }

    /** Turns Jackson's exception into one that names the field by its JSON path. */
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
        return new EventFormatException(field, "has the wrong type or value (" + e.getOriginalMessage() + ")");
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
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
