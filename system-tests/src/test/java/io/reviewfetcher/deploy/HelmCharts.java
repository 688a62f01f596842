package io.reviewfetcher.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The charts under {@code deploy/helm}, linted and rendered with Helm's own Go library (helm-java), and the rendered
 * manifests read back as Kubernetes objects (fabric8). Works on a copy of {@code deploy/helm}, so that
 * {@code helm dependency update} (which copies the library chart into each service chart) leaves the work tree alone.
 */
final class HelmCharts {

    /** The seven deployables, each with a chart of the same name. */
    static final List<String> SERVICES = List.of("ingress-api", "token-service", "account-worker", "location-worker",
            "review-worker", "retry-service", "gbp-emulator");
    static final String LIBRARY = "review-fetcher-common";
    static final String TOPICS = "kafka-topics";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static Path copy;

    private HelmCharts() {
    }

    /** The repository's root: the nearest directory upwards that holds {@code deploy/helm}. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/helm"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/helm above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The chart as committed (for reading its files). */
    static Path source(String chart) {
        return repoRoot().resolve("deploy/helm").resolve(chart);
    }

    /** The chart in the working copy, its file:// dependencies resolved (offline). */
    static synchronized Path chart(String chart) {
        if (copy == null) {
            copy = copyOfCharts();
            for (String service : SERVICES) {
                new Helm(copy.resolve(service)).dependency().update().skipRefresh().call();
            }
        }
        return copy.resolve(chart);
    }

    static LintResult lint(String chart) {
        return new Helm(chart(chart)).lint().strict().call();
    }

    /** {@code helm template <chart> <chart> --set k=v ...}: the release is named after the chart, as the README installs it. */
    static String template(String chart, Map<String, ?> sets) {
        TemplateCommand command = new Helm(chart(chart)).template().withName(chart).withNamespace("review-fetcher");
        sets.forEach(command::set);
        return command.call();
    }

    static List<HasMetadata> render(String chart, Map<String, ?> sets) {
        return parse(template(chart, sets));
    }

    static List<HasMetadata> render(String chart) {
        return render(chart, Map.of());
    }

    /** Every YAML document of a rendered chart as a Kubernetes object; fails on a document that is not one. */
    static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifests)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            Object object = KUBERNETES.unmarshal(document);
            if (!(object instanceof HasMetadata resource)) {
                throw new AssertionError("not a Kubernetes object:\n" + document);
            }
            objects.add(resource);
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
        List<T> found = ofKind(objects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    private static Path copyOfCharts() {
        try {
            Path target = Files.createTempDirectory("review-fetcher-helm");
            Path from = repoRoot().resolve("deploy/helm");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path relative = from.relativize(file);
                    // Whatever a local `helm dependency update` left in the work tree is not part of the charts.
                    if (relative.toString().matches("[^/]+/(charts(/.*)?|Chart\\.lock)")) {
                        continue;
                    }
                    Path to = target.resolve(relative.toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory: the OS cleans it up eventually.
        }
    }
}
