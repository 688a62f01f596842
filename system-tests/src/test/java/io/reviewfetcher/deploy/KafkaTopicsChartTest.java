package io.reviewfetcher.deploy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Strimzi topics the kafka-topics chart renders are exactly those of deploy/kafka/topics.txt. */
class KafkaTopicsChartTest {

    /** A topic as topics.txt and the chart both describe it. */
    record Topic(int partitions, long retentionMs) {
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = HelmCharts.lint(HelmCharts.TOPICS);
        assertFalse(result.isFailed(), result.getMessages()::toString);
    }

    @Test
    void rendersExactlyTheTopicsOfTopicsTxt() throws IOException {
        Map<String, Topic> rendered = new LinkedHashMap<>();
        for (HasMetadata object : HelmCharts.render(HelmCharts.TOPICS)) {
            GenericKubernetesResource topic = (GenericKubernetesResource) object;
            assertEquals("KafkaTopic", topic.getKind());
            assertTrue(topic.getApiVersion().startsWith("kafka.strimzi.io/"), topic.getApiVersion());
            assertEquals("review-fetcher", topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            String name = topic.get("spec", "topicName");
            assertEquals(name, topic.getMetadata().getName());
            Map<String, Object> config = topic.get("spec", "config");
            assertEquals("delete", config.get("cleanup.policy"));
            assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue());
            assertEquals(3, ((Number) topic.get("spec", "replicas")).intValue());
            rendered.put(name, new Topic(((Number) topic.get("spec", "partitions")).intValue(),
                    Long.parseLong(String.valueOf(config.get("retention.ms")))));
        }
        assertEquals(topicsTxt(), rendered, "deploy/helm/kafka-topics is stale: run deploy/kafka/generate-strimzi-values.sh");
    }

    @Test
    void theContractsThirtyDayTopicsKeepThirtyDays() throws IOException {
        Map<String, Topic> topics = topicsTxt();
        for (String name : List.of("reviews-raw", "fetch-dlq")) {
            assertEquals(30L * 24 * 3600 * 1000, topics.get(name).retentionMs(), name);
        }
    }

    @Test
    void topicsSurviveUninstall() {
        for (HasMetadata topic : HelmCharts.render(HelmCharts.TOPICS)) {
            assertEquals("keep", topic.getMetadata().getAnnotations().get("helm.sh/resource-policy"), topic.getMetadata().getName());
        }
    }

    private static Map<String, Topic> topicsTxt() throws IOException {
        Map<String, Topic> topics = new LinkedHashMap<>();
        for (String line : Files.readAllLines(HelmCharts.repoRoot().resolve("deploy/kafka/topics.txt"))) {
            String content = line.replaceAll("#.*", "").trim();
            if (content.isEmpty()) {
                continue;
            }
            String[] fields = content.split("\\s+");
            assertEquals(3, fields.length, "topics.txt line: " + line);
            topics.put(fields[0], new Topic(Integer.parseInt(fields[1]), Long.parseLong(fields[2])));
        }
        return topics;
    }
}
