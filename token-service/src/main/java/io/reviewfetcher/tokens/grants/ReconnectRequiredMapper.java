package io.reviewfetcher.tokens.grants;

import io.reviewfetcher.tokens.web.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** On the admin paths, a client without usable grant is a conflict with the resource's state: 409 and where to reconnect. */
public class ReconnectRequiredMapper {

    @ServerExceptionMapper
    public Response reconnect(ReconnectRequiredException e) {
        Problem problem = Problem.of(409, "reconnect-required", "The business must reconnect", e.getMessage())
                .withReconnectUrl("/oauth/login/" + e.clientId());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
