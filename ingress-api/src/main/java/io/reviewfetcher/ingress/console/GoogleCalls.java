package io.reviewfetcher.ingress.console;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Google calls a worker pod made since it started, from its {@code google_api_calls_seconds_count} series
 * (google-access's PermitGate: one per endpoint and HTTP status): all of them, those Google answered 429 (its quota
 * refused: the token bucket should make that 0), and the other failures (an error status or no answer).
 */
@RegisterForReflection
public record GoogleCalls(long calls, long tooManyRequests, long failed) {

    private static final Pattern SERIES = Pattern.compile("^google_api_calls_seconds_count\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern STATUS = Pattern.compile("status=\"([^\"]*)\"");

    /** The pod's calls; null when its metrics name none (a pod that never calls Google, such as retry-service). */
    public static GoogleCalls parse(String prometheusText) {
        long calls = 0;
        long tooMany = 0;
        long failed = 0;
        boolean seen = false;
        for (String line : prometheusText.split("\n")) {
            Matcher series = SERIES.matcher(line);
            if (!series.find()) {
                continue;
            }
            seen = true;
            long count = (long) Double.parseDouble(series.group(2));
            Matcher status = STATUS.matcher(series.group(1));
            String code = status.find() ? status.group(1) : "";
            calls += count;
            if (code.equals("429")) {
                tooMany += count;
            } else if (!code.startsWith("2")) {
                failed += count;
            }
        }
        return seen ? new GoogleCalls(calls, tooMany, failed) : null;
    }
}
