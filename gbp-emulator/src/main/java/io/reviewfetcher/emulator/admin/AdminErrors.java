package io.reviewfetcher.emulator.admin;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad admin input (a rate above 1, an unknown location) answers 400 with the reason. */
public class AdminErrors {

    /** Body of an admin error. */
    public record Problem(String error) {
    }

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e) {
        return Response.status(400).entity(new Problem(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return Response.status(400).entity(new Problem("malformed JSON: " + e.getOriginalMessage())).build();
    }
}
