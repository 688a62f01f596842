package io.reviewfetcher.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its environment, from its own configuration files: every {@code ${ENV_VAR...}} in the
 * production profile of its {@code application.properties}, on top of stage-runtime's shared defaults for the
 * services built on it (a key the service sets itself replaces the shared one).
 */
final class ServiceEnvironment {

    private static final Set<String> ON_STAGE_RUNTIME = Set.of("account-worker", "location-worker", "review-worker",
            "retry-service");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private ServiceEnvironment() {
    }

    static Set<String> variablesReadBy(String service) {
        Map<String, String> effective = new LinkedHashMap<>();
        Path root = HelmCharts.repoRoot();
        if (ON_STAGE_RUNTIME.contains(service)) {
            effective.putAll(load(root.resolve("stage-runtime/src/main/resources/META-INF/microprofile-config.properties")));
        }
        effective.putAll(load(root.resolve(service).resolve("src/main/resources/application.properties")));
        Set<String> variables = new TreeSet<>();
        effective.forEach((key, value) -> {
            if (key.startsWith("%")) {
                return; // another profile (%test, %dev): not what runs in a pod
            }
            Matcher matcher = VARIABLE.matcher(value);
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        });
        return variables;
    }

    /** {@code quarkus.http.port} of the service. */
    static int httpPort(String service) {
        return Integer.parseInt(load(HelmCharts.repoRoot().resolve(service).resolve("src/main/resources/application.properties"))
                .get("quarkus.http.port").trim());
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
