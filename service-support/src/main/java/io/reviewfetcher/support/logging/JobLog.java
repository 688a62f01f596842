package io.reviewfetcher.support.logging;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Log lines about a job's work: each carries {@code job_id} and, when the work came from a Kafka record,
 * its {@code topic}, {@code partition} and {@code offset} as MDC fields, which the JSON log writes as
 * fields of the line. They are set around the one call, so a line can neither miss them nor inherit
 * another record's. Messages name tasks and causes, never a credential.
 */
public final class JobLog {
    private static final Logger LOG = Logger.getLogger("io.reviewfetcher.jobs");

    private JobLog() {
    }

    /** Where a record was read from; null fields are left out. */
    public record Position(String topic, Integer partition, Long offset) {
        public static final Position NONE = new Position(null, null, null);
    }

    public static void info(String jobId, Position position, String format, Object... args) {
        log(Logger.Level.INFO, jobId, position, format, args);
    }

    public static void warn(String jobId, Position position, String format, Object... args) {
        log(Logger.Level.WARN, jobId, position, format, args);
    }

    public static void error(String jobId, Position position, String format, Object... args) {
        log(Logger.Level.ERROR, jobId, position, format, args);
    }

    public static void log(Logger.Level level, String jobId, Position position, String format, Object... args) {
        if (!LOG.isEnabled(level)) {
            return;
        }
        Position at = position == null ? Position.NONE : position;
        MDC.put("job_id", jobId);
        putIfPresent("topic", at.topic());
        putIfPresent("partition", at.partition());
        putIfPresent("offset", at.offset());
        try {
            LOG.logf(level, format, args);
        } finally {
            MDC.remove("job_id");
            MDC.remove("topic");
            MDC.remove("partition");
            MDC.remove("offset");
        }
    }

    private static void putIfPresent(String key, Object value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
