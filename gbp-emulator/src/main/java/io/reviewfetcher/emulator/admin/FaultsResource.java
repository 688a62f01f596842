package io.reviewfetcher.emulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.reviewfetcher.emulator.faults.FaultSettings;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.oauth.TokenStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** The faults in force. A PUT replaces the whole set; token actions in it happen at the moment of the PUT. */
@Path("/emulator/faults")
public class FaultsResource {

    private final FaultState faults;
    private final TokenStore tokens;
    private final ObjectReader strictReader;

    public FaultsResource(FaultState faults, TokenStore tokens, ObjectMapper mapper) {
        this.faults = faults;
        this.tokens = tokens;
        // A misspelt fault must not be silently ignored: unknown fields are refused.
        this.strictReader = mapper.readerFor(FaultSettings.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @GET
    public FaultSettings current() {
        return faults.current().settings();
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public FaultSettings replace(String body) throws JsonProcessingException {
        FaultSettings settings = body == null || body.isBlank() ? null : strictReader.readValue(body);
        faults.install(settings);
        if (settings != null && Boolean.TRUE.equals(settings.expireAccessTokens())) {
            tokens.expireAccessTokensNow();
        }
        if (settings != null && Boolean.TRUE.equals(settings.revokeRefreshTokens())) {
            tokens.revokeAllGrants();
        }
        return current();
    }

    @DELETE
    public FaultSettings clear() {
        faults.clear();
        return current();
    }
}
