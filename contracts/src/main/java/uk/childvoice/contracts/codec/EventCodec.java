package uk.childvoice.contracts.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
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
 *
 * <p>The datum is written and read by Avro's own {@code SpecificDatumWriter} and {@code
 * SpecificDatumReader}; only the 10-byte header is handled here. Avro's {@code BinaryMessageEncoder} and
 * {@code BinaryMessageDecoder} frame the same bytes, but write every field through an unbuffered encoder
 * into a synchronized {@code ByteArrayOutputStream}, and read every field through a stream: a JFR profile
 * of the geography service under the benchmark's load put about 8% of its CPU in growing and locking that
 * stream alone. Here the writer goes through Avro's buffered encoder and the reader decodes the byte array
 * in place. The bytes are the same ({@code EventCodecTest} compares them with Avro's).
 */
public final class EventCodec<T extends SpecificRecordBase> {
    public static final EventCodec<RawResponseEvent> RAW = new EventCodec<>(RawResponseEvent.class, RawResponseEvent.getClassSchema());
    public static final EventCodec<LocatedResponseEvent> LOCATED = new EventCodec<>(LocatedResponseEvent.class, LocatedResponseEvent.getClassSchema());
    public static final EventCodec<DeidentifiedResponseEvent> DEIDENTIFIED =
            new EventCodec<>(DeidentifiedResponseEvent.class, DeidentifiedResponseEvent.getClassSchema());
    public static final EventCodec<SafeguardingFlagEvent> SAFEGUARDING_FLAG =
            new EventCodec<>(SafeguardingFlagEvent.class, SafeguardingFlagEvent.getClassSchema());

    /** Avro single-object encoding: two marker bytes, then the writer schema's CRC-64-AVRO fingerprint, little-endian. */
    private static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;
    private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private final Schema schema;
    private final byte[] header;
    private final DatumWriter<T> writer;
    /** By writer fingerprint: a reader from that schema (current or released) to the current one. */
    private final Map<Long, DatumReader<T>> readers = new HashMap<>();

    @SuppressWarnings("unchecked")
    private EventCodec(Class<T> type, Schema schema) {
        this.schema = schema;
        // Resolve record classes through the loader that loaded the event class. Avro's shared models
        // (SpecificData.get(), and the generated MODEL$) resolve through Avro's own loader, which in a
        // Quarkus test is not the application's: decoding then fails with a ClassCastException.
        SpecificData model = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        this.header = header(schema);
        this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
        for (Schema old : SchemaHistory.of(schema.getName())) {
            readers.put(SchemaNormalization.parsingFingerprint64(old), (DatumReader<T>) model.createDatumReader(old, schema));
        }
        readers.put(SchemaNormalization.parsingFingerprint64(schema), (DatumReader<T>) model.createDatumReader(schema, schema));
    }

    private static byte[] header(Schema schema) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MARKER_0).put(MARKER_1).putLong(SchemaNormalization.parsingFingerprint64(schema));
        return header.array();
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    public byte[] encode(T event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            out.write(header);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, ENCODER.get());
            ENCODER.set(encoder);
            writer.write(event, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + schema.getName(), e);
        }
    }

    /** Decodes, or throws {@link EventDecodingException} with a reason that never contains the payload. */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EventDecodingException("empty message where a " + schema.getName() + " was expected");
        }
        if (bytes[0] != MARKER_0 || bytes.length > 1 && bytes[1] != MARKER_1) {
            throw new EventDecodingException("not an Avro single-object message (bad header)");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw new EventDecodingException("malformed " + schema.getName() + ": EOFException");
        }
        DatumReader<T> reader = readers.get(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        if (reader == null) {
            throw new EventDecodingException("unknown writer schema for " + schema.getName() + " (fingerprint not in history)");
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                    DECODER.get());
            DECODER.set(decoder);
            return reader.read(null, decoder);
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
