package io.reviewfetcher.emulator.google;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** Writes response bodies to bytes (so pages can be cached) and reads request bodies as strictly as Google. */
@ApplicationScoped
public class GoogleJson {

    private final ObjectWriter writer;
    private final ObjectMapper strict;
    private final GoogleErrors errors;

    public GoogleJson(ObjectMapper mapper, GoogleErrors errors) {
        // Google sends emoji as raw UTF-8, not as escaped surrogate pairs.
        this.writer = mapper.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.errors = errors;
    }

    public byte[] write(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }

    /** Parses a request body; anything Google would refuse becomes a 400 INVALID_ARGUMENT in Google's words. */
    public <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            body = "{}".getBytes();
        }
        ObjectReader reader = strict.readerFor(type);
        try {
            return reader.readValue(body);
        } catch (UnrecognizedPropertyException e) {
            throw errors.invalidJson("Unknown name \"" + e.getPropertyName() + "\": Cannot find field.");
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw errors.invalidJson("Invalid value at '" + field + "'.");
        } catch (IOException e) {
            throw errors.invalidJson("Syntax error.");
        }
    }
}
