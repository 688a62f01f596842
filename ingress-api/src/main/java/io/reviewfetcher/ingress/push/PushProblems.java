package io.reviewfetcher.ingress.push;

import io.quarkus.logging.Log;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The refusals of a push as problem+json: 401 for a token that is not our subscription's, 400 naming the field of a bad
 * envelope, 503 when it cannot be taken now. The broker's and the in-flight bound's refusals are the submissions' own
 * (SubmissionProblems). None repeats the token or a value of the body.
 */
public class PushProblems {

    @ServerExceptionMapper
    public Response rejected(PushTokenRejected rejected) {
        // The reason only: the token never reaches a log line.
        Log.warnf("Google push refused (401): %s", rejected.reason().words());
        return ProblemMappers.respond(Problem.of(401, "invalid-push-token", "Invalid push token",
                rejected.reason().words() + "; this endpoint takes Google's Pub/Sub pushes of our subscription only"), null);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidPush invalid) {
        if (invalid.field() == null) {
            return ProblemMappers.respond(Problem.of(400, "malformed-body", "Malformed body", invalid.problem()), null);
        }
        return ProblemMappers.respond(Problem.invalidField(400, invalid.field(), invalid.problem()), null);
    }

    @ServerExceptionMapper
    public Response unavailable(PushUnavailable unavailable) {
        return ProblemMappers.respond(Problem.of(503, "unavailable", "Service unavailable", unavailable.getMessage()), null);
    }
}
