package uk.childvoice.contracts.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.avro.specific.SpecificRecordBase;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;

/**
 * Kafka deserializer for one event type. Stream services usually consume {@code byte[]} and call
 * {@link EventCodec#decode(byte[])} inside the handler instead, so that an undecodable record fails
 * like any other poison message and reaches the dead-letter topic with its reason.
 */
public abstract class EventDeserializer<T extends SpecificRecordBase> implements Deserializer<T> {
    private final EventCodec<T> codec;

    protected EventDeserializer(EventCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }

    public static final class Raw extends EventDeserializer<RawResponseEvent> {
        public Raw() {
            super(EventCodec.RAW);
        }
    }

    public static final class Located extends EventDeserializer<LocatedResponseEvent> {
        public Located() {
            super(EventCodec.LOCATED);
        }
    }

    public static final class Deidentified extends EventDeserializer<DeidentifiedResponseEvent> {
        public Deidentified() {
            super(EventCodec.DEIDENTIFIED);
        }
    }

    public static final class SafeguardingFlag extends EventDeserializer<SafeguardingFlagEvent> {
        public SafeguardingFlag() {
            super(EventCodec.SAFEGUARDING_FLAG);
        }
    }
}
