package io.reviewfetcher.emulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code push} part of {@code PUT /emulator/faults}: what can go wrong between Pub/Sub and the push endpoint.
 * Every field is optional.
 *
 * @param dropRate         share of messages never delivered (Pub/Sub's at-least-once broken, to test a sweep that
 *                         catches what notifications missed); counted as dropped
 * @param duplicateRate    share of messages delivered a second time, with the same messageId, after the first
 *                         delivery was acknowledged
 * @param delay            added before a message's first attempt: fixed plus uniform random in [0, randomMs]
 * @param reorderWindowMs  messages published within this window are held until it closes, then delivered one after
 *                         the other in a shuffled order (never the published one, when there are two or more)
 * @param badSignature     while true, every push is signed with a key that is not in the JWKS (the header still
 *                         names the published kid); a receiver that rejects it makes Pub/Sub retry, and give up
 *                         after the retention if the fault stays
 */
@RegisterForReflection // part of FaultSettings, read by a strict reader from a String body
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PushFaults(Double dropRate, Double duplicateRate, FaultSettings.Latency delay, Long reorderWindowMs,
                         Boolean badSignature) {
}
