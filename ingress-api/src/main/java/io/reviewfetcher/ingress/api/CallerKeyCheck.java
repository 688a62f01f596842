package io.reviewfetcher.ingress.api;

import io.reviewfetcher.ingress.admission.Caller;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.ProblemException;

/** The 401 of the endpoints that need a caller key (schedules, the jobs of a schedule, the read API), never repeating the key. */
public final class CallerKeyCheck {

    private CallerKeyCheck() {
    }

    /** The holder of the presented caller key; ends the request with 401 when there is none or it is not one. */
    public static Caller require(CallerKeys keys, String presented) {
        if (presented == null || presented.isEmpty()) {
            throw ProblemException.unauthorized("unauthorized", "Unauthorized", "send the caller key in " + ApiKeys.HEADER);
        }
        Caller caller = keys.find(presented);
        if (caller == null) {
            throw ProblemException.unauthorized("unauthorized", "Unauthorized", "the " + ApiKeys.HEADER + " header does not hold a caller key");
        }
        return caller;
    }
}
