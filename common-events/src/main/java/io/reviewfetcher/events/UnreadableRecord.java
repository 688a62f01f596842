package io.reviewfetcher.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a record that fails strict decoding still tells of the work it stands for: its job, and the task id it would
 * have had ({@link TaskIds}), so that a consumer dead-lettering it can close that task on {@code job-events} instead
 * of leaving its job waiting for it. Read from the few fields that name a task ({@code type}, {@code schema_version},
 * {@code job_id}, {@code account_id} or {@code location_id} (a batch's first one), {@code page_number}, {@code attempt}, and the same inside
 * a retry request's {@code event}), and taken only when shaped like an id or a count: anything else, a token in the
 * wrong field say, is not read at all, so nothing of it can be echoed. A record that contradicts itself (two job ids,
 * a field given twice) tells nothing: a wrong job would be told that one of its tasks failed.
 *
 * @param jobId   the job, or null when nothing names it without contradiction
 * @param taskId  the task the record stands for, or null when it cannot be told (no guess: a guessed page could close
 *                a task still to be worked, or fail a job whose first page is done)
 * @param attempt the attempt it carried, 0 when it carried none readable
 */
public record UnreadableRecord(String jobId, String taskId, int attempt) {
    public static final UnreadableRecord NOTHING = new UnreadableRecord(null, null, 0);

    /** A job id: ingress-api makes UUIDs. Nothing with a dot, a slash or a space, as tokens and headers have. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** A bare Google id of an account or a location, as ingress-api accepts them in a submission. */
    private static final Pattern BARE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final String NOT_AN_ID = "";

    /**
     * @param value  the record's bytes, or null
     * @param jobKey the record's key where its topic is keyed by job id, else null
     */
    public static UnreadableRecord read(byte[] value, String jobKey) {
        JsonNode record = value == null ? null : EventCodec.treeOrNull(value);
        if (record != null && !record.isObject()) {
            record = null;
        }
        JsonNode task = is(record, EventType.RETRY_REQUEST) ? objectOrNull(record.get("event")) : record;
        Set<String> named = new HashSet<>();
        if (jobKey != null) {
            named.add(jobKey);
        }
        addJobId(named, record);
        if (task != record) {
            addJobId(named, task);
        }
        if (named.size() > 1) {
            return NOTHING;
        }
        String job = named.stream().filter(id -> JOB_ID.matcher(id).matches()).findFirst().orElse(null);
        return new UnreadableRecord(job, taskIdOf(task), attemptOf(task));
    }

    /** Whether the record names both its job and its task, so that its job can be told the task is given up. */
    public boolean namesTask() {
        return jobId != null && taskId != null;
    }

    private static void addJobId(Set<String> named, JsonNode event) {
        JsonNode jobId = event == null ? null : event.get("job_id");
        if (jobId != null && !jobId.isNull()) {
            // A value that is not text counts too: the record then names its job in two ways, and so in none.
            named.add(jobId.isTextual() ? jobId.textValue() : NOT_AN_ID);
        }
    }

    private static String taskIdOf(JsonNode task) {
        EventType type = typeOf(task);
        if (type == null) {
            return null;
        }
        Integer page = pageOf(task, type);
        if (page == null) {
            return null;
        }
        return switch (type) {
            case FETCH_ACCOUNTS -> TaskIds.accounts(page);
            case FETCH_LOCATIONS -> {
                String account = bareId(task.get("account_id"));
                yield account == null ? null : TaskIds.locations(account, page);
            }
            case FETCH_REVIEWS -> {
                String location = bareId(task.get("location_id"));
                yield location == null ? null : TaskIds.reviews(location, page);
            }
            case FETCH_REVIEW_BATCH -> {
                String account = bareId(task.get("account_id"));
                JsonNode locations = task.get("locations");
                JsonNode first = locations != null && locations.isArray() && !locations.isEmpty() ? locations.get(0) : null;
                String location = first != null && first.isObject() ? bareId(first.get("location_id")) : null;
                yield account == null || location == null ? null : TaskIds.reviewBatch(account, location, page);
            }
            default -> null;
        };
    }

    /** The page number, or what the record's version meant by leaving it out (a version-1 listing is page 1). */
    private static Integer pageOf(JsonNode task, EventType type) {
        JsonNode page = task.get("page_number");
        if (page == null) {
            JsonNode version = task.get(EventCodec.SCHEMA_VERSION);
            page = version != null && version.isInt() ? EventCodec.impliedWhenLeftOut(type, version.intValue(), "page_number") : null;
        }
        return page != null && page.isInt() && page.intValue() >= 1 ? page.intValue() : null;
    }

    private static int attemptOf(JsonNode task) {
        JsonNode attempt = task == null ? null : task.get("attempt");
        return attempt != null && attempt.isInt() && attempt.intValue() >= 0 ? attempt.intValue() : 0;
    }

    /** The stage event type the record claims, or null for any other type or none. */
    private static EventType typeOf(JsonNode event) {
        JsonNode type = event == null ? null : event.get(EventCodec.TYPE);
        if (type == null || !type.isTextual()) {
            return null;
        }
        return EventType.fromWireName(type.textValue())
                .filter(known -> StageEvent.class.isAssignableFrom(known.recordClass()))
                .orElse(null);
    }

    private static boolean is(JsonNode event, EventType type) {
        JsonNode claimed = event == null ? null : event.get(EventCodec.TYPE);
        return claimed != null && claimed.isTextual() && claimed.textValue().equals(type.wireName());
    }

    private static JsonNode objectOrNull(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    private static String bareId(JsonNode id) {
        return id != null && id.isTextual() && BARE_ID.matcher(id.textValue()).matches() ? id.textValue() : null;
    }
}
