package io.reviewfetcher.ingress.console;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerPodsTest {

    @Test
    void entriesAreWorkerAndBaseUrlAndEachAddressIsAPod() {
        WorkerPods pods = new WorkerPods(WorkerPods.parse(List.of("review-worker=http://127.0.0.1:8084", " review-worker = http://127.0.0.1:8184/ ",
                "", "account-worker=http://127.0.0.1:8082")));
        assertEquals(List.of(new WorkerPods.Pod("review-worker", "http://127.0.0.1:8084"), new WorkerPods.Pod("review-worker", "http://127.0.0.1:8184"),
                new WorkerPods.Pod("account-worker", "http://127.0.0.1:8082")), pods.resolve());
    }

    @Test
    void aMalformedEntryIsRefusedByPositionWithoutItsText() {
        for (String bad : List.of("review-worker", "=http://127.0.0.1:8084", "review-worker=ftp://host:1", "review-worker=not a url")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WorkerPods.parse(List.of("a=http://h:1", bad)), bad);
            assertTrue(refused.getMessage().contains("entry 2"), refused.getMessage());
        }
    }

    @Test
    void onlyListedPodsGetAClient() {
        WorkerPods pods = new WorkerPods(WorkerPods.parse(List.of("review-worker=http://127.0.0.1:8084")));
        assertEquals(null, pods.intake(new WorkerPods.Pod("review-worker", "http://169.254.169.254")).await().indefinitely());
        assertEquals(null, pods.intake(new WorkerPods.Pod("account-worker", "http://127.0.0.1:8084")).await().indefinitely());
    }
}
