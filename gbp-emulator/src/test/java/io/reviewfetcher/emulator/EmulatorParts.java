package io.reviewfetcher.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.DurationConverter;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.google.AccountsResource;
import io.reviewfetcher.emulator.google.GoogleApiGate;
import io.reviewfetcher.emulator.google.GoogleErrors;
import io.reviewfetcher.emulator.google.GoogleJson;
import io.reviewfetcher.emulator.google.LocationAccess;
import io.reviewfetcher.emulator.google.LocationsResource;
import io.reviewfetcher.emulator.google.PageTokens;
import io.reviewfetcher.emulator.google.RequestParams;
import io.reviewfetcher.emulator.google.ReviewPages;
import io.reviewfetcher.emulator.google.ReviewsResource;
import io.reviewfetcher.emulator.oauth.OAuthClients;
import io.reviewfetcher.emulator.oauth.Scopes;
import io.reviewfetcher.emulator.oauth.TokenEndpoint;
import io.reviewfetcher.emulator.oauth.TokenStore;
import io.reviewfetcher.emulator.quota.ProjectQuota;
import io.reviewfetcher.emulator.stats.CallStats;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The emulator's beans wired by hand, without Quarkus or a port: its application.properties under the test profile
 * (the small data set, no quota) plus the overrides given, read by SmallRye Config as Quarkus reads them. For tests of
 * one resource's answers that need no HTTP.
 */
public final class EmulatorParts {

    public final EmulatorConfig config;
    public final GoogleErrors errors;
    public final FaultState faults = new FaultState();
    public final DataSet data;
    public final TokenStore tokens;
    public final OAuthClients clients;
    public final GoogleJson json;
    public final GoogleApiGate gate;
    public final RequestParams params;
    public final AccountsResource accounts;
    public final LocationsResource locations;
    public final ReviewsResource reviews;
    public final TokenEndpoint oauth;

    public EmulatorParts(Map<String, String> overrides) {
        this.config = config(overrides);
        EmulatorClock clock = new EmulatorClock();
        CallStats stats = new CallStats();
        this.errors = new GoogleErrors(config);
        this.data = new DataSet(config, clock);
        this.tokens = new TokenStore(config, clock);
        this.clients = new OAuthClients(config);
        this.json = new GoogleJson(new ObjectMapper(), errors);
        this.gate = new GoogleApiGate(clock, tokens, new ProjectQuota(config, clock), faults, stats, errors, json);
        this.params = new RequestParams(config, errors);
        PageTokens pageTokens = new PageTokens(config);
        LocationAccess access = new LocationAccess(data, faults, errors);
        this.accounts = new AccountsResource(gate, data, params, pageTokens, errors, json, faults);
        this.locations = new LocationsResource(gate, data, access, params, pageTokens, errors, json, faults);
        this.reviews = new ReviewsResource(gate, access, data, params, pageTokens, new ReviewPages(pageTokens, json), faults,
                errors, json);
        this.oauth = new TokenEndpoint(clients, tokens, stats, faults);
    }

    public EmulatorParts() {
        this(Map.of());
    }

    /** A fresh access token of the demo user with business.manage. */
    public String token() {
        return tokens.mint(clients.demo().id(), Scopes.BUSINESS_MANAGE).accessToken();
    }

    /** The body of a Google API answer. */
    public static JsonNode body(Response response) {
        try {
            return new ObjectMapper().readTree((byte[]) response.getEntity());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmulatorConfig config(Map<String, String> overrides) {
        Properties file = new Properties();
        try (InputStream in = EmulatorParts.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("test")
                .addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(file, "application.properties", 250))
                .withSources(new PropertiesConfigSource(Map.copyOf(overrides), "overrides", 500))
                .withMapping(EmulatorConfig.class)
                .build();
        return config.getConfigMapping(EmulatorConfig.class);
    }
}
