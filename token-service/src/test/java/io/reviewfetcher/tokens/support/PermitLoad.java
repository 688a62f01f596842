package io.reviewfetcher.tokens.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Callers asking for permits as fast as they are allowed: again at once after a grant, after
 * {@code retry_after_ms} after a 429 (what a worker does), spread over the given token-service processes.
 */
public final class PermitLoad {

    /** When each permit was received (nanoTime) and how long each answer took (ns), over all callers. */
    public record Result(List<Long> grantedAt, List<Long> latencies, long refused, long errors, long startedAt, long endedAt,
                         List<Integer> grantsPerCaller) {
        /** The most grants in any span of {@code window} (sliding over every grant). */
        public int mostInAnyWindow(Duration window) {
            int most = 0;
            for (int i = 0, j = 0; i < grantedAt.size(); i++) {
                while (j < grantedAt.size() && grantedAt.get(j) - grantedAt.get(i) < window.toNanos()) {
                    j++;
                }
                most = Math.max(most, j - i);
            }
            return most;
        }

        /** The fewest grants in any full span of {@code window} that starts at or after the first grant. */
        public int fewestInAnyFullWindow(Duration window) {
            int fewest = Integer.MAX_VALUE;
            long first = grantedAt.get(0);
            for (long start = first; start + window.toNanos() <= endedAt; start += Duration.ofMillis(100).toNanos()) {
                long s = start;
                long count = grantedAt.stream().filter(t -> t >= s && t < s + window.toNanos()).count();
                fewest = (int) Math.min(fewest, count);
            }
            return fewest;
        }

        public long percentileMillis(double p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1_000_000;
        }

        public double percentileMillisPrecise(double p) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
        }
    }

    private PermitLoad() {
    }

    public static Result run(List<String> baseUrls, String credential, int callers, Duration duration) throws InterruptedException {
        ObjectMapper json = new ObjectMapper();
        List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long[] refused = new long[callers];
        long[] errors = new long[callers];
        int[] grants = new int[callers];
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        for (int c = 0; c < callers; c++) {
            int caller = c;
            String baseUrl = baseUrls.get(c % baseUrls.size());
            pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/permits"))
                        .timeout(Duration.ofSeconds(10))
                        .header("X-API-Key", TestEnvironment.SERVICE_KEY)
                        .header("X-Caller-Id", "caller-" + caller)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"credential\":\"" + credential + "\"}")).build();
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long received = System.nanoTime();
                        latencies.add(received - sent);
                        if (response.statusCode() == 200) {
                            grantedAt.add(received);
                            grants[caller]++;
                        } else if (response.statusCode() == 429) {
                            refused[caller]++;
                            JsonNode body = json.readTree(response.body());
                            long wait = body.path("retry_after_ms").asLong(100);
                            TimeUnit.MILLISECONDS.sleep(Math.min(wait, Math.max(0, (end - System.nanoTime()) / 1_000_000)));
                        } else {
                            errors[caller]++;
                        }
                    } catch (InterruptedException e) {
                        return null;
                    } catch (Exception e) {
                        errors[caller]++;
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        List<Long> times = new ArrayList<>(grantedAt);
        Collections.sort(times);
        List<Integer> perCaller = new ArrayList<>();
        for (int g : grants) {
            perCaller.add(g);
        }
        return new Result(times, new ArrayList<>(latencies), java.util.Arrays.stream(refused).sum(),
                java.util.Arrays.stream(errors).sum(), start, end, perCaller);
    }

    /** A credential for a token the emulator minted, registered through the first process. */
    public static String credential(ServiceProcesses services) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String minted = http.send(HttpRequest.newBuilder(URI.create(services.emulator().baseUrl() + "/emulator/tokens"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
        String token = json.readTree(minted).path("access_token").asText();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(services.baseUrls().get(0) + "/api/v1/credentials"))
                .header("X-API-Key", TestEnvironment.SERVICE_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("access_token", token)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/credentials answered " + created.statusCode());
        }
        return json.readTree(created.body()).path("credential").asText();
    }
}
