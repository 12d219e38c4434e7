package uk.childvoice.contracts.kafka;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecordBase;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;

/** Kafka serializer for one event type; the nested classes are what {@code value.serializer} names. */
public abstract class EventSerializer<T extends SpecificRecordBase> implements Serializer<T> {
    private final EventCodec<T> codec;

    protected EventSerializer(EventCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, T event) {
        return event == null ? null : codec.encode(event);
    }

    public static final class Raw extends EventSerializer<RawResponseEvent> {
        public Raw() {
            super(EventCodec.RAW);
        }
    }

    public static final class Located extends EventSerializer<LocatedResponseEvent> {
        public Located() {
            super(EventCodec.LOCATED);
        }
    }

    public static final class Deidentified extends EventSerializer<DeidentifiedResponseEvent> {
        public Deidentified() {
            super(EventCodec.DEIDENTIFIED);
        }
    }

    public static final class SafeguardingFlag extends EventSerializer<SafeguardingFlagEvent> {
        public SafeguardingFlag() {
            super(EventCodec.SAFEGUARDING_FLAG);
        }
    }
}
