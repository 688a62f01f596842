package io.reviewfetcher.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its environment, from its own configuration files: every {@code ${ENV_VAR...}} in the
 * production profile of its {@code application.properties}, on top of the shared defaults
 * ({@code META-INF/microprofile-config.properties}) of the libraries of this repository it is built on, as its
 * {@code pom.xml} and theirs name them (a key the service sets itself replaces the shared one).
 */
final class ServiceEnvironment {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern OUR_ARTIFACT = Pattern.compile(
            "<groupId>io\\.reviewfetcher</groupId>\\s*<artifactId>([a-z-]+)</artifactId>");

    private ServiceEnvironment() {
    }

    static Set<String> variablesReadBy(String service) {
        Map<String, String> effective = new LinkedHashMap<>();
        Path root = HelmCharts.repoRoot();
        for (String library : librariesOf(service)) {
            Path defaults = root.resolve(library).resolve("src/main/resources/META-INF/microprofile-config.properties");
            if (Files.exists(defaults)) {
                effective.putAll(load(defaults));
            }
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

    /** The modules of this repository {@code module} depends on at run time, directly or not; dependencies first. */
    static Set<String> librariesOf(String module) {
        return librariesOf(module, new LinkedHashSet<>());
    }

    private static Set<String> librariesOf(String module, Set<String> found) {
        String pom;
        try {
            pom = Files.readString(HelmCharts.repoRoot().resolve(module).resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            String declared = dependency.group(1);
            Matcher artifact = OUR_ARTIFACT.matcher(declared);
            if (artifact.find() && !declared.contains("<scope>test</scope>") && !found.contains(artifact.group(1))) {
                librariesOf(artifact.group(1), found);
                found.add(artifact.group(1));
            }
        }
        return found;
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
