package io.reviewfetcher.support.problem;

import java.time.Duration;
import java.util.List;

/**
 * Ends a request with a problem answer; {@code retryAfter} becomes the {@code Retry-After} header. Thrown
 * only by the HTTP edge of a service (resources and filters): domain code throws its own exceptions, which
 * the edge maps. Its message is the problem's title, written by the service, so it is safe to log.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Duration retryAfter) {
        // No cause and no stack trace: these are answers, not faults, and they are thrown on the hot path.
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException badRequest(String field, String message) {
        return new ProblemException(Problem.of(400, "invalid-request", "Invalid request", field + " " + message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " does not exist"));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException unauthorized(String slug, String title, String detail) {
        return new ProblemException(Problem.of(401, slug, title, detail));
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail), retryAfter);
    }
}
