package io.reviewfetcher.ingress.console;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dead letters by source topic and reason, the way an operator replays them: one cause, fixed, then its letters sent
 * again. Causes with letters awaiting a replay (replayable, never replayed) first, then most letters first. The list is
 * retry-service's newest letters: {@code sampled} says it was cut at its limit, so the counts are a floor.
 */
@RegisterForReflection
public record DeadLetterGroups(List<Group> groups, int letters, boolean sampled) {

    @RegisterForReflection
    public record Group(String sourceTopic, String reason, int letters, int replayable, int awaitingReplay, int jobs, Instant latest) {
    }

    public static DeadLetterGroups of(List<RetryServiceApi.Letter> letters, int limit) {
        record Key(String topic, String reason) {
        }
        Map<Key, List<RetryServiceApi.Letter>> byCause = new LinkedHashMap<>();
        for (RetryServiceApi.Letter letter : letters) {
            byCause.computeIfAbsent(new Key(letter.sourceTopic(), letter.reason()), key -> new ArrayList<>()).add(letter);
        }
        List<Group> groups = byCause.entrySet().stream().map(cause -> {
            List<RetryServiceApi.Letter> group = cause.getValue();
            Set<String> jobs = new HashSet<>();
            Instant latest = null;
            int replayable = 0;
            int awaiting = 0;
            for (RetryServiceApi.Letter letter : group) {
                jobs.add(letter.jobId());
                replayable += letter.replayable() ? 1 : 0;
                awaiting += letter.replayable() && letter.replayedAt() == null ? 1 : 0;
                if (letter.createdAt() != null && (latest == null || letter.createdAt().isAfter(latest))) {
                    latest = letter.createdAt();
                }
            }
            return new Group(cause.getKey().topic(), cause.getKey().reason(), group.size(), replayable, awaiting, jobs.size(), latest);
        }).sorted(Comparator.comparingInt(Group::awaitingReplay).reversed().thenComparing(Comparator.comparingInt(Group::letters).reversed())
                        .thenComparing(Group::sourceTopic, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new DeadLetterGroups(groups, letters.size(), letters.size() >= limit);
    }
}
