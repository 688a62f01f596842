package io.reviewfetcher.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.List;

/**
 * Every error of every service leaves as problem+json, and none repeats what the caller sent: the messages
 * of Jackson, the validator or a client library can quote the input, which might be a token, so they are
 * never used. A service maps its own domain exceptions in its own edge mapper, with {@link #respond}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem(), e.retryAfter());
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
        if (e instanceof NotFoundException) {
            return respond(Problem.of(404, "not-found", "Not found", "no such resource"), null);
        }
        if (e instanceof NotAllowedException) {
            return respond(Problem.of(405, "method-not-allowed", "Method not allowed", "this path does not take that method"), null);
        }
        if (e instanceof NotSupportedException) {
            return respond(Problem.of(415, "unsupported-media-type", "Unsupported media type", "send Content-Type: application/json"), null);
        }
        if (e instanceof NotAcceptableException) {
            return respond(Problem.of(406, "not-acceptable", "Not acceptable", "this resource answers application/json"), null);
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return respond(Problem.of(413, "body-too-large", "Body too large", "the body is larger than this endpoint accepts"), null);
        }
        if (status == 400 && e.getCause() != null) {
            // Body readers wrap parse failures; their messages may quote the body.
            return respond(Problem.of(400, "malformed-body", "Malformed body", "the body could not be read"), null);
        }
        if (status >= 500) {
            Log.errorf("Request failed with %d (%s)", status, e.getClass().getName());
            return internal();
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        return respond(Problem.of(status, "http-" + status, info.getReasonPhrase(), info.getReasonPhrase()), null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        // Only the type reaches the log: messages of third-party exceptions can carry request data.
        Log.errorf("Unexpected %s while answering a request", e.getClass().getName());
        return internal();
    }

    private static Response internal() {
        return respond(Problem.of(500, "internal", "Internal error", "the service failed to answer; see its log"), null);
    }

    /** The one way a problem becomes a response: its status, media type, Retry-After and WWW-Authenticate. */
    public static Response respond(Problem problem, Duration retryAfter) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"review-fetch\"");
        }
        return builder.build();
    }
}
