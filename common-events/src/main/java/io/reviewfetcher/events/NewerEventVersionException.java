package io.reviewfetcher.events;

/**
 * A record of a newer {@code schema_version} of its type than this code reads: written by newer code (a newer pod
 * during a rolling deploy), not broken. A consumer leaves it for a newer reader instead of dead-lettering it. Like
 * every rejection it names the field and the problem, not the record's value: the message says the newest version
 * this code reads, never the version the record claims.
 */
public final class NewerEventVersionException extends EventFormatException {
    private final EventType eventType;

    NewerEventVersionException(String field, EventType eventType) {
        super(field, "is newer than the newest version of '" + eventType.wireName() + "' this service reads ("
                + eventType.schemaVersion() + ")");
        this.eventType = eventType;
    }

    /** The type of the newer record; its {@link EventType#schemaVersion()} is the newest this code reads. */
    public EventType eventType() {
        return eventType;
    }

    /** Still a newer version when found inside another event (a retry request's, a dead letter's). */
    @Override
    NewerEventVersionException under(String parent) {
        NewerEventVersionException nested = new NewerEventVersionException(parent + "." + field(), eventType);
        nested.setStackTrace(getStackTrace());
        return nested;
    }
}
