package io.reviewfetcher.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's two images (no Docker here to build them): the standard Quarkus layouts, a non-root user, the
 * service's own port.
 */
class DockerfilesTest {

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void jvmImageRunsTheFastJarAsUser185(String service) throws IOException {
        String dockerfile = read(service, "Dockerfile.jvm");
        assertTrue(dockerfile.contains("COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/"), service);
        assertTrue(dockerfile.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service);
        assertTrue(dockerfile.contains("\nUSER 185\n"), service + ": not user 185");
        assertTrue(dockerfile.contains("\nEXPOSE " + ServiceEnvironment.httpPort(service) + "\n"), service + ": EXPOSE");
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void nativeImageRunsTheRunnerAsUser1001(String service) throws IOException {
        String dockerfile = read(service, "Dockerfile.native-micro");
        assertTrue(dockerfile.contains("FROM quay.io/quarkus/quarkus-micro-image:"), service);
        assertTrue(dockerfile.contains("target/*-runner /work/application"), service);
        assertTrue(dockerfile.contains("\nUSER 1001\n"), service + ": not user 1001");
        assertTrue(dockerfile.contains("\nEXPOSE " + ServiceEnvironment.httpPort(service) + "\n"), service + ": EXPOSE");
    }

    private static String read(String service, String name) throws IOException {
        Path file = HelmCharts.repoRoot().resolve(service).resolve("src/main/docker").resolve(name);
        assertTrue(Files.isRegularFile(file), file + " is missing");
        return Files.readString(file);
    }
}
