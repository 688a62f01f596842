package io.reviewfetcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.reviewfetcher.deploy.HelmCharts.SERVICES;
import static io.reviewfetcher.deploy.HelmCharts.render;
import static io.reviewfetcher.deploy.HelmCharts.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** helm lint and helm template of every service chart, and what the rendered manifests must hold. */
class ServiceChartsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Read by the service, deliberately not set by its chart (the service's default is right in a cluster). */
    private static final Map<String, Set<String>> NOT_SET_ON_PURPOSE = Map.of(
            // token-service-client's caller id, sent only with permits, which ingress-api never asks for; and the
            // shared SERVICE_API_KEY, ingress-api's fallback for a setup with one key: in a cluster it has its own.
            "ingress-api", Set.of("POD_NAME", "SERVICE_API_KEY"),
            // The emulator's built-in, fake demo OAuth client.
            "gbp-emulator", Set.of("EMULATOR_OAUTH_CLIENT_ID", "EMULATOR_OAUTH_CLIENT_SECRET"));

    /** The services whose pods' intake (/admin/intake) the operator console shows and pauses, each with a headless Service. */
    private static final List<String> CONSOLE_WORKERS = List.of("account-worker", "location-worker", "review-worker",
            "retry-service");

    /** Every optional template on, so that each renders and parses too. */
    private static final Map<String, Object> EVERYTHING_ON = Map.of("autoscaling.enabled", true,
            "podDisruptionBudget.enabled", true, "global.serviceMonitor.enabled", true,
            "global.redis.passwordSecretKey", "redis-password");

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void lintsCleanInStrictMode(String service) {
        LintResult result = HelmCharts.lint(service);
        assertFalse(result.isFailed(), () -> service + ": " + result.getMessages());
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void rendersADeploymentWithProbesResourcesAndNoRoot(String service) {
        for (Map<String, Object> sets : List.of(Map.<String, Object>of(), EVERYTHING_ON)) {
            Deployment deployment = single(render(service, sets), Deployment.class);
            List<String> violations = ManifestRules.deployment(deployment, ServiceEnvironment.httpPort(service));
            assertEquals(List.of(), violations, service + " " + sets);
            assertEquals(service, deployment.getMetadata().getName(), "one release per service, named after it");
        }
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void carriesNoInlineSecret(String service) throws IOException {
        assertEquals(List.of(), ManifestRules.inlineSecrets(render(service)), service);
        assertEquals(List.of(), ManifestRules.inlineSecrets(render(service, EVERYTHING_ON)), service);
        Path chart = HelmCharts.source(service);
        try (Stream<Path> templates = Files.walk(chart.resolve("templates"))) {
            for (Path template : templates.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(template).matches("(?s).*kind:\\s*Secret\\b.*"), template + " renders a Secret");
            }
        }
        JsonNode values = YAML.readTree(chart.resolve("values.yaml").toFile());
        values.path("config").fieldNames().forEachRemaining(name ->
                assertFalse(ManifestRules.isSecretVariable(name), service + ": config." + name + " is a secret; use secretEnv"));
        values.path("secretEnv").fields().forEachRemaining(entry -> assertEquals(Set.of(), fieldsBut(entry.getValue(),
                Set.of("name", "key", "optional")), service + ": secretEnv." + entry.getKey() + " may only reference a Secret"));
    }

    /**
     * ingress-api faces the internet: it gets its own key for token-service, the one token-service takes on
     * /api/v1/credentials only, and no key that opens /api/v1/permits (a client's live Google access token).
     */
    @Test
    void ingressApiHoldsNoKeyThatGetsPermits() {
        Map<String, String> ingress = secretKeysOf("ingress-api");
        assertFalse(ingress.containsKey("SERVICE_API_KEY"), "ingress-api holds the workers' key: " + ingress);
        assertFalse(ingress.containsKey("TOKEN_SERVICE_PERMIT_KEYS"), ingress.toString());
        assertEquals("ingress-service-api-key", ingress.get("INGRESS_SERVICE_API_KEY"));
        assertFalse(ingress.containsValue("service-api-key"), ingress.toString());

        Map<String, String> tokenService = secretKeysOf("token-service");
        assertEquals("ingress-service-api-key", tokenService.get("INGRESS_SERVICE_API_KEY"), "token-service knows ingress-api's key");
        assertEquals("service-api-key", tokenService.get("SERVICE_API_KEY"));
        for (String worker : List.of("account-worker", "location-worker", "review-worker")) {
            assertEquals("service-api-key", secretKeysOf(worker).get("SERVICE_API_KEY"), worker);
        }
    }

    /** Each secret variable of the service's container and the Secret key it comes from. */
    private static Map<String, String> secretKeysOf(String service) {
        Container container = single(render(service), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> keys = new TreeMap<>();
        ManifestRules.env(container).stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .forEach(e -> keys.put(e.getName(), e.getValueFrom().getSecretKeyRef().getKey()));
        return keys;
    }

    /** The checks above do catch a secret given as a plain value. */
    @Test
    void aSecretAsAPlainValueIsCaught() {
        List<HasMetadata> objects = render("ingress-api", Map.of("extraEnv[0].name", "INGRESS_API_KEYS",
                "extraEnv[0].value", "not-a-real-key", "config.ADMIN_API_KEY", "not-a-real-key"));
        List<String> violations = ManifestRules.inlineSecrets(objects);
        assertTrue(violations.stream().anyMatch(v -> v.contains("INGRESS_API_KEYS is not from a secretKeyRef")), violations::toString);
        assertTrue(violations.stream().anyMatch(v -> v.contains("holds ADMIN_API_KEY")), violations::toString);
    }

    /** A broken Deployment is caught too: no probe, writable root, root user. */
    @Test
    void aDeploymentWithoutProbesOrAsRootIsCaught() {
        Deployment deployment = single(render("account-worker"), Deployment.class);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        container.setReadinessProbe(null);
        container.getSecurityContext().setReadOnlyRootFilesystem(false);
        deployment.getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(false);
        List<String> violations = ManifestRules.deployment(deployment, 8082);
        assertEquals(3, violations.size(), violations::toString);
    }

    /** The chart gives the service exactly the environment its configuration files read: no more, no less. */
    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void setsEveryVariableTheServiceReadsAndNoOther(String service) {
        // The optional settings given, so that the variables left out while they are empty are rendered too.
        List<HasMetadata> objects = render(service, Map.of("global.googleApiBaseUrl", "http://gbp-emulator:8089",
                "googleNotifications.audience", "https://reviews.example.com/api/v1/google/notifications",
                "googleNotifications.serviceAccount", "pubsub-push@example.iam.gserviceaccount.com",
                "googleNotifications.jwksUrl", "https://www.googleapis.com/oauth2/v3/certs"));
        Set<String> provided = new TreeSet<>(single(objects, ConfigMap.class).getData().keySet());
        Container container = single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        ManifestRules.env(container).stream().map(EnvVar::getName).forEach(provided::add);

        Set<String> read = ServiceEnvironment.variablesReadBy(service);
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(provided);
        missing.removeAll(NOT_SET_ON_PURPOSE.getOrDefault(service, Set.of()));
        assertEquals(Set.of(), missing, service + " reads these, its chart does not set them (deploy/helm/" + service + "/values.yaml)");

        Set<String> unread = new TreeSet<>(provided);
        unread.removeAll(read);
        // Quarkus reads QUARKUS_* itself; the emulator maps EMULATOR_* onto its @ConfigMapping.
        unread.removeIf(name -> name.startsWith("QUARKUS_") || service.equals("gbp-emulator") && name.startsWith("EMULATOR_"));
        assertEquals(Set.of(), unread, service + "'s chart sets variables the service never reads");
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void workersNameThemselvesAndGetTimeToFinish(String service) {
        Deployment deployment = single(render(service), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        // The permit gate lives in google-access: what is built on it asks token-service for permits.
        boolean asksForPermits = ServiceEnvironment.librariesOf(service).contains("google-access");
        EnvVar podName = ManifestRules.env(pod.getContainers().get(0)).stream().filter(e -> e.getName().equals("POD_NAME"))
                .findFirst().orElse(null);
        if (asksForPermits) {
            assertNotNull(podName, service + ": POD_NAME");
            assertEquals("metadata.name", podName.getValueFrom().getFieldRef().getFieldPath());
        }
        if (!service.equals("gbp-emulator")) {
            assertTrue(pod.getTerminationGracePeriodSeconds() >= 30, service + ": grace period " + pod.getTerminationGracePeriodSeconds());
        }
        if (asksForPermits) {
            // A record in flight waits for a permit and makes a Google call (read timeout 15 s) before it publishes.
            assertTrue(pod.getTerminationGracePeriodSeconds() >= 45, service + ": grace period " + pod.getTerminationGracePeriodSeconds());
        }
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void serviceAutoscalerAndBudgetPointAtTheDeployment(String service) {
        List<HasMetadata> objects = render(service, EVERYTHING_ON);
        Deployment deployment = single(objects, Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        for (Service svc : HelmCharts.ofKind(objects, Service.class)) {
            String name = svc.getMetadata().getName();
            assertTrue(podLabels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()), name + " selects the pods");
            assertEquals(ServiceEnvironment.httpPort(service), svc.getSpec().getPorts().get(0).getPort(), name);
        }

        HorizontalPodAutoscaler hpa = single(objects, HorizontalPodAutoscaler.class);
        assertEquals(deployment.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 1 && hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());
        assertEquals(null, deployment.getSpec().getReplicas(), "the autoscaler owns the replica count");

        PodDisruptionBudget pdb = single(objects, PodDisruptionBudget.class);
        assertTrue(podLabels.entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), "PDB selects the pods");

        GenericKubernetesResource monitor = single(objects, GenericKubernetesResource.class);
        assertEquals("ServiceMonitor", monitor.getKind());
        assertEquals("/q/metrics", ((Map<?, ?>) ((List<?>) monitor.get("spec", "endpoints")).get(0)).get("path"));
        // One target per pod: the monitor selects the Service, not also the headless one over the same pods.
        List<String> monitored = HelmCharts.ofKind(objects, Service.class).stream()
                .filter(svc -> selects((Map<?, ?>) monitor.get("spec", "selector"), svc.getMetadata().getLabels()))
                .map(svc -> svc.getMetadata().getName()).toList();
        assertEquals(List.of(service), monitored, "Services the ServiceMonitor selects");

        for (HasMetadata object : objects) {
            assertEquals("review-fetcher", object.getMetadata().getLabels().get("app.kubernetes.io/part-of"), object.getKind());
            assertEquals(service, object.getMetadata().getLabels().get("app.kubernetes.io/name"), object.getKind());
        }
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void defaultsHaveAutoscalerAndBudgetButNoServiceMonitor(String service) {
        List<HasMetadata> objects = render(service);
        assertEquals(List.of(), HelmCharts.ofKind(objects, GenericKubernetesResource.class), "ServiceMonitor is off by default");
        // The emulator keeps its quota window in memory: one pod, no autoscaler, no budget that would block drains.
        int expected = service.equals("gbp-emulator") ? 0 : 1;
        assertEquals(expected, HelmCharts.ofKind(objects, HorizontalPodAutoscaler.class).size(), "HPA");
        assertEquals(expected, HelmCharts.ofKind(objects, PodDisruptionBudget.class).size(), "PDB");
    }

    /**
     * The operator console in ingress-api reaches every pod of each worker: through a headless Service `<worker>-pods`
     * (one address per ready pod) that the worker charts render and the others do not.
     */
    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void workersHaveAHeadlessServiceOverTheirPods(String service) {
        List<HasMetadata> objects = render(service);
        Map<String, Service> services = new TreeMap<>();
        HelmCharts.ofKind(objects, Service.class).forEach(svc -> services.put(svc.getMetadata().getName(), svc));
        Service main = services.get(service);
        assertNotNull(main, service + ": no Service " + service + " in " + services.keySet());
        assertFalse("None".equals(main.getSpec().getClusterIP()), service + ": the Service is not headless");
        if (!CONSOLE_WORKERS.contains(service)) {
            assertEquals(Set.of(service), services.keySet(), service + " renders no headless Service");
            return;
        }
        assertEquals(Set.of(service, service + "-pods"), services.keySet(), service);
        Service pods = services.get(service + "-pods");
        assertEquals("None", pods.getSpec().getClusterIP(), "headless");
        assertEquals(Boolean.FALSE, pods.getSpec().getPublishNotReadyAddresses(), "ready pods only");
        assertEquals(main.getSpec().getSelector(), pods.getSpec().getSelector());
        assertEquals(1, pods.getSpec().getPorts().size());
        assertEquals(ServiceEnvironment.httpPort(service), pods.getSpec().getPorts().get(0).getPort());
        assertEquals("http", pods.getSpec().getPorts().get(0).getTargetPort().getStrVal());

        // Turned off, it is gone.
        assertEquals(List.of(service), HelmCharts.ofKind(render(service, Map.of("service.headless", false)), Service.class)
                .stream().map(svc -> svc.getMetadata().getName()).toList());
    }

    /** ingress-api's console reaches each worker through its headless Service, and retry-service through its Service. */
    @Test
    void ingressApiConsoleReachesTheWorkersHeadlessServices() {
        ConfigMap ingress = single(render("ingress-api"), ConfigMap.class);
        Map<String, String> expected = new TreeMap<>();
        for (String worker : CONSOLE_WORKERS) {
            Service pods = HelmCharts.ofKind(render(worker), Service.class).stream()
                    .filter(svc -> "None".equals(svc.getSpec().getClusterIP())).findFirst().orElseThrow();
            expected.put(worker, "http://" + pods.getMetadata().getName() + ":" + pods.getSpec().getPorts().get(0).getPort());
        }
        Map<String, String> configured = new TreeMap<>();
        for (String entry : ingress.getData().get("CONSOLE_WORKERS").split(",")) {
            String[] workerAndUrl = entry.trim().split("=", 2);
            assertEquals(2, workerAndUrl.length, "CONSOLE_WORKERS entry " + entry);
            assertNull(configured.put(workerAndUrl[0], workerAndUrl[1]), "twice in CONSOLE_WORKERS: " + workerAndUrl[0]);
        }
        assertEquals(expected, configured, "CONSOLE_WORKERS");

        Service retry = HelmCharts.ofKind(render("retry-service"), Service.class).stream()
                .filter(svc -> !"None".equals(svc.getSpec().getClusterIP())).findFirst().orElseThrow();
        assertEquals("http://" + retry.getMetadata().getName() + ":" + retry.getSpec().getPorts().get(0).getPort(),
                ingress.getData().get("RETRY_SERVICE_URL"));
        assertEquals("true", ingress.getData().get("CONSOLE_SECURE_COOKIE"), "behind TLS in a cluster");
        assertEquals("admin-api-key", secretKeysOf("ingress-api").get("ADMIN_API_KEY"), "the console's login");
    }

    /** A Kubernetes label selector (matchLabels, matchExpressions) against an object's labels. */
    private static boolean selects(Map<?, ?> selector, Map<String, String> labels) {
        Map<?, ?> matchLabels = selector.get("matchLabels") instanceof Map<?, ?> m ? m : Map.of();
        for (Map.Entry<?, ?> label : matchLabels.entrySet()) {
            if (!String.valueOf(label.getValue()).equals(labels.get(String.valueOf(label.getKey())))) {
                return false;
            }
        }
        List<?> expressions = selector.get("matchExpressions") instanceof List<?> l ? l : List.of();
        for (Object e : expressions) {
            Map<?, ?> expression = (Map<?, ?>) e;
            String key = String.valueOf(expression.get("key"));
            List<?> values = expression.get("values") instanceof List<?> v ? v : List.of();
            boolean holds = switch (String.valueOf(expression.get("operator"))) {
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                default -> throw new AssertionError("unknown operator in " + expression);
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** Image, endpoints and secret name come from one `global` block, the same in every chart. */
    @Test
    void sharedConventionsAreTheSameInEveryChart() throws IOException {
        JsonNode first = null;
        for (String service : SERVICES) {
            JsonNode global = YAML.readTree(HelmCharts.source(service).resolve("values.yaml").toFile()).get("global");
            assertNotNull(global, service + " has no global block");
            if (first == null) {
                first = global;
            }
            assertEquals(first, global, service + "'s global block differs from " + SERVICES.get(0) + "'s");
        }
        Map<String, Object> environment = Map.of("global.image.registry", "registry.example.com",
                "global.image.tag", "1.2.3-native", "global.kafka.bootstrapServers", "kafka.example:9093",
                "global.redis.url", "rediss://redis.example:6380", "global.existingSecret", "prod-secrets");
        for (String service : SERVICES) {
            List<HasMetadata> objects = render(service, environment);
            Container container = single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals("registry.example.com/review-fetcher/" + service + ":1.2.3-native", container.getImage());
            Map<String, String> config = single(objects, ConfigMap.class).getData();
            if (config.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                assertEquals("kafka.example:9093", config.get("KAFKA_BOOTSTRAP_SERVERS"));
            }
            if (config.containsKey("REDIS_URL")) {
                assertEquals("rediss://redis.example:6380", config.get("REDIS_URL"));
            }
            ManifestRules.env(container).stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> assertEquals("prod-secrets", e.getValueFrom().getSecretKeyRef().getName(), e.getName()));
        }
    }

    @ParameterizedTest
    @FieldSource("io.reviewfetcher.deploy.HelmCharts#SERVICES")
    void readmeDocumentsEveryValue(String service) throws IOException {
        Path chart = HelmCharts.source(service);
        String readme = Files.readString(chart.resolve("README.md"));
        List<String> undocumented = new ArrayList<>();
        YAML.readTree(chart.resolve("values.yaml").toFile()).fieldNames().forEachRemaining(key -> {
            if (!readme.contains("`" + key + "`") && !readme.contains("`" + key + ".")) {
                undocumented.add(key);
            }
        });
        assertEquals(List.of(), undocumented, service + "/README.md misses these values");
    }

    private static Set<String> fieldsBut(JsonNode node, Set<String> allowed) {
        Set<String> others = new TreeSet<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                others.add(name);
            }
        });
        return others;
    }
}
