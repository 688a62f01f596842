package io.reviewfetcher.ingress.schedules;

import java.util.List;

/** Schedules, newest first, and the cursor of the next page (null on the last). */
public record SchedulePage(List<Schedule> schedules, String nextCursor) {
}
