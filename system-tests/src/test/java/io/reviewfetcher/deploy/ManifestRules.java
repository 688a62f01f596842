package io.reviewfetcher.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every rendered service chart must satisfy, as lists of violations (empty = fine), so that a test can also
 * show that a broken manifest is caught.
 */
final class ManifestRules {

    /** The README's secrets, and the one the charts add for a managed Redis with AUTH. */
    static final Set<String> SECRET_VARIABLES = Set.of("INGRESS_API_KEYS", "SERVICE_API_KEY", "INGRESS_SERVICE_API_KEY",
            "TOKEN_SERVICE_PERMIT_KEYS", "TOKEN_SERVICE_CREDENTIAL_KEYS", "ADMIN_API_KEY",
            "TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_PREVIOUS_KEYS", "TOKEN_DB_PASSWORD", "REVIEW_DB_PASSWORD", "QUARKUS_REDIS_PASSWORD");
    /** Anything else named like a secret is treated as one too. */
    private static final Pattern SECRET_LIKE = Pattern.compile(".*(PASSWORD|SECRET|_API_KEYS?|ENCRYPTION_KEY).*");

    private ManifestRules() {
    }

    /** The container's env entries (none: an empty list). */
    static List<EnvVar> env(Container container) {
        return container.getEnv() == null ? List.of() : container.getEnv();
    }

    static boolean isSecretVariable(String name) {
        return SECRET_VARIABLES.contains(name) || SECRET_LIKE.matcher(name).matches();
    }

    /** No Secret object, no secret in a ConfigMap, every secret variable from a secretKeyRef. */
    static List<String> inlineSecrets(List<HasMetadata> objects) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            if ("Secret".equals(object.getKind())) {
                violations.add("renders a Secret (" + object.getMetadata().getName() + "): charts only reference Secrets");
            }
            if (object instanceof ConfigMap configMap && configMap.getData() != null) {
                configMap.getData().keySet().stream().filter(ManifestRules::isSecretVariable)
                        .forEach(key -> violations.add("ConfigMap " + configMap.getMetadata().getName() + " holds " + key));
            }
            if (object instanceof Deployment deployment) {
                for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    for (EnvVar env : env(container)) {
                        boolean fromSecret = env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null;
                        if (isSecretVariable(env.getName()) && !fromSecret) {
                            violations.add(container.getName() + ": " + env.getName() + " is not from a secretKeyRef");
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** Probes, resources, non-root, read-only root with a writable /tmp, a grace period. */
    static List<String> deployment(Deployment deployment, int port) {
        List<String> violations = new ArrayList<>();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        if (!pod.getAdditionalProperties().isEmpty()) {
            violations.add("pod spec has fields Kubernetes does not know: " + pod.getAdditionalProperties().keySet());
        }
        PodSecurityContext podSecurity = pod.getSecurityContext();
        if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
            violations.add("pod securityContext.runAsNonRoot is not true");
        }
        if (pod.getTerminationGracePeriodSeconds() == null) {
            violations.add("no terminationGracePeriodSeconds");
        }
        if (pod.getContainers().size() != 1) {
            violations.add("expected one container, found " + pod.getContainers().size());
            return violations;
        }
        Container container = pod.getContainers().get(0);
        if (!container.getAdditionalProperties().isEmpty()) {
            violations.add("container has fields Kubernetes does not know: " + container.getAdditionalProperties().keySet());
        }
        if (container.getPorts().stream().noneMatch(p -> p.getContainerPort() == port && "http".equals(p.getName()))) {
            violations.add("no container port named http on " + port);
        }
        checkProbe(violations, "livenessProbe", container.getLivenessProbe(), "/q/health/live");
        checkProbe(violations, "readinessProbe", container.getReadinessProbe(), "/q/health/ready");
        ResourceRequirements resources = container.getResources();
        if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey("cpu")
                || !resources.getRequests().containsKey("memory")) {
            violations.add("no cpu and memory requests");
        }
        if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
            violations.add("no memory limit");
        }
        SecurityContext security = container.getSecurityContext();
        if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            violations.add("root file system is not read-only");
        }
        if (security == null || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            violations.add("privilege escalation is not turned off");
        }
        if (security != null && Long.valueOf(0).equals(security.getRunAsUser())) {
            violations.add("container runs as user 0");
        }
        boolean tmpMounted = container.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath())
                && pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
        if (!tmpMounted) {
            violations.add("no emptyDir on /tmp (the root file system is read-only)");
        }
        if (pod.getVolumes().stream().map(Volume::getSecret).anyMatch(s -> s != null)) {
            violations.add("mounts a Secret volume: secrets come as secretKeyRef environment variables");
        }
        return violations;
    }

    private static void checkProbe(List<String> violations, String name, Probe probe, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add("no HTTP " + name);
        } else if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(name + " on " + probe.getHttpGet().getPath() + ", not " + path);
        }
    }
}
