package uk.childvoice.reporting.messaging;

import java.io.IOException;

import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;

import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;

/**
 * Decodes survey.response.deidentified.v1 exactly as {@link EventCodec#DEIDENTIFIED} does (same reader
 * schema, same writer-schema history, same payload-free reasons), but with a {@link SpecificData} bound
 * to the class loader of the generated classes. Why: {@code SpecificData.get()} resolves record classes
 * through whichever loader it finds first, and under {@code @QuarkusTest} that is the JVM's app loader,
 * not Quarkus' runtime loader, so every decode failed with a ClassCastException.
 */
public final class DeidentifiedEventDecoder {
    private static final BinaryMessageDecoder<DeidentifiedResponseEvent> DECODER;

    static {
        SpecificData data = new SpecificData(DeidentifiedResponseEvent.class.getClassLoader());
        SchemaStore.Cache history = new SchemaStore.Cache();
        EventCodec.DEIDENTIFIED.readableSchemas().forEach(history::addSchema);
        DECODER = new BinaryMessageDecoder<>(data, EventCodec.DEIDENTIFIED.schema(), history);
    }

    private DeidentifiedEventDecoder() {
    }

    /** Decodes, or throws {@link EventDecodingException} with a reason that never contains the payload. */
    public static DeidentifiedResponseEvent decode(byte[] bytes) {
        String name = EventCodec.DEIDENTIFIED.schema().getName();
        if (bytes == null || bytes.length == 0) {
            throw new EventDecodingException("empty message where a " + name + " was expected");
        }
        try {
            return DECODER.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new EventDecodingException("unknown writer schema for " + name + " (fingerprint not in history)");
        } catch (BadHeaderException e) {
            throw new EventDecodingException("not an Avro single-object message (bad header)");
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException("malformed " + name + ": " + e.getClass().getSimpleName());
        }
    }
}
