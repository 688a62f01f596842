package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The emulator's admin side: the ground truth, the call statistics and tokens for the demo user. */
final class Emulator {
    private Emulator() {
    }

    /** Every review id Google would hand out: the reviews of the verified locations. */
    static Set<String> fetchableReviewIds() throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        fetchableReviewsByLocation().values().forEach(ids::addAll);
        return ids;
    }

    /** Bare location id → its review ids, for the verified locations. */
    static Map<String, Set<String>> fetchableReviewsByLocation() throws IOException, InterruptedException {
        Map<String, Set<String>> byLocation = new HashMap<>();
        for (JsonNode location : Http.get(LocalStack.EMULATOR + "/emulator/truth").body().path("locations")) {
            if (location.path("verified").asBoolean()) {
                Set<String> ids = new HashSet<>();
                location.path("reviews").forEach(review -> ids.add(review.path("reviewId").asText()));
                String name = location.path("name").asText();
                byLocation.put(name.substring(name.lastIndexOf('/') + 1), ids);
            }
        }
        return byLocation;
    }

    /** Google heals: faults cleared, call counts and quota windows forgotten (the data set stays). */
    static void heal() throws IOException, InterruptedException {
        Http.Answer reset = Http.post(LocalStack.EMULATOR + "/emulator/reset", "{}");
        if (reset.status() != 200) {
            throw new IllegalStateException("emulator reset answered " + reset.status() + ": " + reset.text());
        }
    }

    static JsonNode stats() throws IOException, InterruptedException {
        return Http.get(LocalStack.EMULATOR + "/emulator/stats").body();
    }

    /** The calls of each page of a list method since the last heal: {@code [{endpoint, parent, pageToken, statuses}]}. */
    static JsonNode pageCalls(String endpoint) throws IOException, InterruptedException {
        return Http.get(LocalStack.EMULATOR + "/emulator/stats/pages?endpoint=" + endpoint).body().path("pages");
    }

    /** {@code accounts/<id>} → how many locations accounts.locations.list lists for it. */
    static Map<String, Integer> locationsListedByAccount() throws IOException, InterruptedException {
        Map<String, Integer> listed = new HashMap<>();
        for (JsonNode account : Http.get(LocalStack.EMULATOR + "/emulator/truth?reviews=false").body().path("accounts")) {
            listed.put(account.path("name").asText(), account.path("locations").size());
        }
        return listed;
    }

    /** How many distinct locations the data set holds (a location two accounts list counts once). */
    static int locationCount() throws IOException, InterruptedException {
        return Http.get(LocalStack.EMULATOR + "/emulator/truth?reviews=false").body().path("totals").path("locations").asInt();
    }

    /** A fresh access and refresh token of the demo user, as an OAuth consent would give. */
    static JsonNode mintTokens() throws IOException, InterruptedException {
        return Http.post(LocalStack.EMULATOR + "/emulator/tokens", "{}").body();
    }
}
