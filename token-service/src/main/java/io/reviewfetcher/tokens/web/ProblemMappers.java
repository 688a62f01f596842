package io.reviewfetcher.tokens.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/**
 * Every error leaves as problem+json. None of these answers repeats what the caller sent: Jackson's and
 * the validator's own messages can quote the input, which might be a token, so they are replaced.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return respond(Problem.of(400, "invalid-request", "Invalid request", detail).withErrors(errors), null);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        if (field == null) {
            return respond(Problem.of(400, "malformed-body", "Malformed body", "the body must be a JSON object"), null);
        }
        return respond(Problem.of(400, "invalid-request", "Invalid request", field + " has the wrong JSON type")
                .withErrors(List.of(new Problem.FieldError(field, "has the wrong JSON type"))), null);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed-body", "Malformed body", "the body is not valid JSON"), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return respond(Problem.of(404, "not-found", "Not found", "no such resource"), null);
        }
        if (e instanceof NotAllowedException) {
            return respond(Problem.of(405, "method-not-allowed", "Method not allowed", "this path does not take that method"), null);
        }
        if (e instanceof NotSupportedException) {
            return respond(Problem.of(415, "unsupported-media-type", "Unsupported media type", "send application/json"), null);
        }
        if (status == 400 && e.getCause() != null) {
            // Body readers wrap parse failures; their messages may quote the body.
            return respond(Problem.of(400, "malformed-body", "Malformed body", "the body could not be read"), null);
        }
        return respond(Problem.of(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(),
                e.getResponse().getStatusInfo().getReasonPhrase()), null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        // Only the type reaches the log: messages of third-party exceptions can carry request data.
        Log.errorf("Unexpected %s while answering a request", e.getClass().getName());
        return respond(Problem.of(500, "internal", "Internal error", "the service failed to answer; see its log"), null);
    }

    static Response respond(Problem problem, Integer retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfterSeconds != null) {
            builder.header("Retry-After", retryAfterSeconds);
        }
        return builder.build();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
        }
        return last == null ? "body" : camelToSnake(last);
    }

    private static String camelToSnake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
