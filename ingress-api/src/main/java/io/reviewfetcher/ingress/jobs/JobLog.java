package io.reviewfetcher.ingress.jobs;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Log lines about one job carry {@code job_id} as an MDC field, which the JSON log writes as a field of
 * the line; it is set around the one call, so no other line inherits it. Never pass a token in the message.
 */
public final class JobLog {
    private static final Logger LOG = Logger.getLogger("io.reviewfetcher.ingress");

    private JobLog() {
    }

    public static void log(Logger.Level level, String jobId, String format, Object... args) {
        if (!LOG.isEnabled(level)) {
            return;
        }
        MDC.put("job_id", jobId);
        try {
            LOG.logf(level, format, args);
        } finally {
            MDC.remove("job_id");
        }
    }
}
