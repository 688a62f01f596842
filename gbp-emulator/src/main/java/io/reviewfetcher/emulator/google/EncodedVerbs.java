package io.reviewfetcher.emulator.google;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Clients that percent-encode the custom verb's colon ({@code locations%3AbatchGetReviews}) reach
 * the same method as those that do not, as on Google's front end. Runs before matching.
 */
public class EncodedVerbs {

    @ServerRequestFilter(preMatching = true)
    public void decodeVerbColon(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw != null && raw.startsWith("/v4/") && (raw.contains("%3A") || raw.contains("%3a"))) {
            String path = raw.replace("%3A", ":").replace("%3a", ":");
            request.setRequestUri(URI.create(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
        }
    }
}
