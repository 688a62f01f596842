package io.reviewfetcher.tokens.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A gbp-emulator process of the tests' own (from gbp-emulator's packaged jar), with an OAuth client made
 * for this run. Own, because revoking a grant at Google (as DELETE /tokens does) revokes every token of
 * that user and client: on the shared emulator that would break other modules' tests using its demo client.
 */
public final class PrivateEmulator {

    public static final String REDIRECT_URI = "http://127.0.0.1:8081/auth/callback";

    private final Process process;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;

    private PrivateEmulator(Process process, String baseUrl, String clientId, String clientSecret) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public static PrivateEmulator start(String clientId, String clientSecret) {
        Path jar = locateJar();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx192m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Demulator.quota.qpm=-1",
                "-Demulator.accounts=1", "-Demulator.locations-per-account=1", "-Demulator.reviews-per-location=1",
                "-Demulator.oauth.clients.tokentest.client-id=" + clientId,
                "-Demulator.oauth.clients.tokentest.client-secret=" + clientSecret,
                "-Demulator.oauth.clients.tokentest.redirect-uris=" + REDIRECT_URI,
                "-Demulator.oauth.demo-client=tokentest",
                "-jar", jar.toString()));
        try {
            Path log = Path.of("target", "private-emulator-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String baseUrl = "http://127.0.0.1:" + port;
            awaitReady(process, baseUrl, log);
            return new PrivateEmulator(process, baseUrl, clientId, clientSecret);
        } catch (IOException e) {
            throw new IllegalStateException("could not start gbp-emulator", e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static Path locateJar() {
        for (Path candidate : List.of(Path.of("../gbp-emulator/target/quarkus-app/quarkus-run.jar"),
                Path.of("gbp-emulator/target/quarkus-app/quarkus-run.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("gbp-emulator is not built; run `./mvnw -B -pl gbp-emulator -DskipTests package` "
                + "(deploy/local/test.sh does) before token-service's tests");
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(Process process, String baseUrl, Path log) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("gbp-emulator exited at start-up; see " + log.toAbsolutePath());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/q/health/ready").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("gbp-emulator did not become ready within 60 s; see " + log.toAbsolutePath());
    }

}
