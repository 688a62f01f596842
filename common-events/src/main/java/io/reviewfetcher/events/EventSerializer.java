package io.reviewfetcher.events;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for outgoing events ({@code value.serializer} of an outgoing channel). Incoming
 * records are read as bytes and passed to {@link EventCodec#decode(byte[], Class)}, so that a record that
 * does not decode reaches the consumer's own dead-letter handling instead of failing inside the client.
 */
public class EventSerializer implements Serializer<Event> {
    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventCodec.encode(event);
    }
}
