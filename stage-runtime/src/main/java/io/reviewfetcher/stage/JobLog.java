package io.reviewfetcher.stage;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Log lines about a job's work: each carries {@code job_id} and the input record's {@code topic},
 * {@code partition} and {@code offset} as MDC fields, which the JSON log writes as fields of the line.
 * They are set around the one call, so a line can neither miss them nor inherit another record's.
 * Messages name tasks and causes, never a credential: events hold only references to credentials.
 */
public final class JobLog {
    private static final Logger LOG = Logger.getLogger("io.reviewfetcher.stage");

    private JobLog() {
    }

    public static void info(String jobId, IncomingKafkaRecordMetadata<?, ?> origin, String format, Object... args) {
        log(Logger.Level.INFO, jobId, origin, format, args);
    }

    public static void warn(String jobId, IncomingKafkaRecordMetadata<?, ?> origin, String format, Object... args) {
        log(Logger.Level.WARN, jobId, origin, format, args);
    }

    public static void error(String jobId, IncomingKafkaRecordMetadata<?, ?> origin, String format, Object... args) {
        log(Logger.Level.ERROR, jobId, origin, format, args);
    }

    private static void log(Logger.Level level, String jobId, IncomingKafkaRecordMetadata<?, ?> origin, String format,
                            Object... args) {
        if (!LOG.isEnabled(level)) {
            return;
        }
        MDC.put("job_id", jobId);
        if (origin != null) {
            MDC.put("topic", origin.getTopic());
            MDC.put("partition", origin.getPartition());
            MDC.put("offset", origin.getOffset());
        }
        try {
            LOG.logf(level, format, args);
        } finally {
            MDC.remove("job_id");
            MDC.remove("topic");
            MDC.remove("partition");
            MDC.remove("offset");
        }
    }
}
