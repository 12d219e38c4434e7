package uk.childvoice.contracts.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.contracts.v1.SafeguardingFlagEvent;

/**
 * Encodes and decodes one event type as Avro single-object encoding: a 10-byte header carrying the
 * writer schema's fingerprint, then compact binary. Older writer schemas shipped in this jar
 * ({@code avro/history}) are resolved to the current reader schema, so consumers survive producers
 * that are one version ahead or behind. Thread-safe.
 */
public final class EventCodec<T extends SpecificRecordBase> {
    public static final EventCodec<RawResponseEvent> RAW = new EventCodec<>(RawResponseEvent.class, RawResponseEvent.getClassSchema());
    public static final EventCodec<LocatedResponseEvent> LOCATED = new EventCodec<>(LocatedResponseEvent.class, LocatedResponseEvent.getClassSchema());
    public static final EventCodec<DeidentifiedResponseEvent> DEIDENTIFIED =
            new EventCodec<>(DeidentifiedResponseEvent.class, DeidentifiedResponseEvent.getClassSchema());
    public static final EventCodec<SafeguardingFlagEvent> SAFEGUARDING_FLAG =
            new EventCodec<>(SafeguardingFlagEvent.class, SafeguardingFlagEvent.getClassSchema());

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private EventCodec(Class<T> type, Schema schema) {
        this.schema = schema;
        // Resolve record classes through the loader that loaded the event class. Avro's shared models
        // (SpecificData.get(), and the generated MODEL$) resolve through Avro's own loader, which in a
        // Quarkus test is not the application's: decoding then fails with a ClassCastException.
        SpecificData model = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        SchemaStore.Cache history = new SchemaStore.Cache();
        for (Schema old : SchemaHistory.of(schema.getName())) {
            history.addSchema(old);
        }
        this.decoder = new BinaryMessageDecoder<>(model, schema, history);
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    public byte[] encode(T event) {
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + schema.getName(), e);
        }
    }

    /** Decodes, or throws {@link EventDecodingException} with a reason that never contains the payload. */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EventDecodingException("empty message where a " + schema.getName() + " was expected");
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new EventDecodingException("unknown writer schema for " + schema.getName() + " (fingerprint not in history)");
        } catch (BadHeaderException e) {
            throw new EventDecodingException("not an Avro single-object message (bad header)");
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("malformed " + schema.getName() + ": " + e.getClass().getSimpleName());
        }
    }

    public T decode(InputStream in) throws IOException {
        return decode(in.readAllBytes());
    }

    /** All schemas this codec can read: history plus current. */
    public List<Schema> readableSchemas() {
        return SchemaHistory.withCurrent(schema);
    }
}
