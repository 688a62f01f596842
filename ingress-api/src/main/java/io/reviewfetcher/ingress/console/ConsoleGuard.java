package io.reviewfetcher.ingress.console;

import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemMappers;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The console's data and actions ({@code /console/api/…}) need a session. A change also needs the console's own
 * request header, which a page of another site cannot send without the browser asking this service first (and it
 * never says yes): with the {@code SameSite=Strict} cookie, a second guard against cross-site requests.
 */
public class ConsoleGuard {

    public static final String REQUEST_HEADER = "X-Console-Request";

    private final ConsoleSessions sessions;

    public ConsoleGuard(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(ConsoleApi.PATH)) {
            return null;
        }
        Cookie session = request.getCookies().get(ConsoleSessions.COOKIE);
        if (session == null || !sessions.valid(session.getValue())) {
            return ProblemMappers.respond(Problem.of(401, "console-login", "Log in", "log in to the console again: no session, or it expired"), null);
        }
        if (!HttpMethod.GET.equals(request.getMethod()) && request.getHeaderString(REQUEST_HEADER) == null) {
            return ProblemMappers.respond(Problem.of(403, "console-request", "Not from the console",
                    "console actions are sent by the console page (header " + REQUEST_HEADER + ")"), null);
        }
        return null;
    }
}
