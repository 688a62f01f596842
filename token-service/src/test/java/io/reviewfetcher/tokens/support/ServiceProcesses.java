package io.reviewfetcher.tokens.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Several packaged token-service processes sharing one Redis bucket, as several pods would, with the
 * tests' random keys, a private emulator as Google, and a Redis key prefix of their own.
 */
public final class ServiceProcesses implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<String> baseUrls = new ArrayList<>();
    private final PrivateEmulator emulator;

    public ServiceProcesses(int count, int quota, Map<String, String> extraConfig) {
        Path jar = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"), "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw -pl token-service verify` (package runs first)");
        }
        String dbPassword = System.getenv("TOKEN_DB_PASSWORD");
        if (dbPassword == null) {
            throw new IllegalStateException("TOKEN_DB_PASSWORD is not set: `set -a; . deploy/local/.secrets.env; set +a` first");
        }
        emulator = PrivateEmulator.start(TestEnvironment.GOOGLE_CLIENT_ID, TestEnvironment.GOOGLE_CLIENT_SECRET);
        String prefix = "test:quota:" + UUID.randomUUID() + ":";
        try {
            for (int i = 0; i < count; i++) {
                int port = PrivateEmulator.freePort();
                List<String> command = new ArrayList<>(List.of(PrivateEmulator.javaBinary(), "-Xmx160m", "-XX:+UseSerialGC",
                        "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                        "-Dtoken-service.quota.key-prefix=" + prefix));
                extraConfig.forEach((k, v) -> command.add("-D" + k + "=" + v));
                command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(Path.of("target", "token-service-it-" + i + ".log").toFile());
                Map<String, String> env = builder.environment();
                env.put("QUOTA_QPM", Integer.toString(quota));
                env.put("SERVICE_API_KEY", TestEnvironment.SERVICE_KEY);
                env.put("ADMIN_API_KEY", TestEnvironment.ADMIN_KEY);
                env.put("TOKEN_ENCRYPTION_KEY", TestEnvironment.ENCRYPTION_KEY);
                env.put("TOKEN_DB_URL", System.getenv().getOrDefault("TOKEN_DB_TEST_URL", "jdbc:postgresql://localhost:5432/review_fetcher_test"));
                env.put("TOKEN_DB_PASSWORD", dbPassword);
                env.put("GOOGLE_API_BASE_URL", emulator.baseUrl());
                processes.add(builder.start());
                baseUrls.add("http://127.0.0.1:" + port);
            }
            for (int i = 0; i < count; i++) {
                awaitReady(processes.get(i), baseUrls.get(i));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw new IllegalStateException("could not start token-service processes", e);
        }
    }

    public List<String> baseUrls() {
        return baseUrls;
    }

    public PrivateEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        emulator.stop();
    }

    private static void awaitReady(Process process, String baseUrl) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("token-service at " + baseUrl + " exited; see target/token-service-it-*.log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("token-service at " + baseUrl + " was not ready within 90 s");
    }
}
