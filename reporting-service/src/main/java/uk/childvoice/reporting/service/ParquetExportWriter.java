package uk.childvoice.reporting.service;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes export rows as Parquet straight into an output stream (an HTTP response), one bounded row
 * group at a time, with parquet-java and no Hadoop at run time.
 *
 * <p>Why this shape: parquet-java's own {@code OutputFile} and {@link PlainParquetConfiguration} keep
 * Hadoop's {@code Configuration} out of the write path; only the page codecs still are Hadoop
 * classes, so pages are written {@link CompressionCodecName#UNCOMPRESSED} and dictionary encoding
 * (every column but the row number is categorical) does the shrinking. A Parquet file is written
 * front to back (footer last, offsets taken from a position counter), so it streams without a temp
 * file; memory is bounded by one row group.
 */
public final class ParquetExportWriter {
    /** Row groups are flushed at about this many bytes, so memory stays bounded whatever the row count. */
    public static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;
    private static final int PAGE_BYTES = 1024 * 1024;

    /** The Parquet schema, built from the data dictionary so the two can never drift apart. */
    public static final MessageType SCHEMA = schema(ExportService.DICTIONARY);

    private final ParquetWriter<Object[]> writer;

    public ParquetExportWriter(OutputStream out) throws IOException {
        this(out, ROW_GROUP_BYTES);
    }

    /** A writer with another row-group size (tests show that a file of many rows is cut into groups). */
    ParquetExportWriter(OutputStream out, long rowGroupBytes) throws IOException {
        this.writer = new Builder(new StreamOutputFile(out))
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(true)
                .withRowGroupSize(rowGroupBytes)
                .withPageSize(PAGE_BYTES)
                .build();
    }

    /** Appends one row: values in dictionary order, of the Java types {@link ExportService} reads. */
    public void write(Object[] row) throws IOException {
        writer.write(row);
    }

    /** Flushes the last row group and writes the footer; not called after a failure, so a broken export has no footer. */
    public void finish() throws IOException {
        writer.close();
    }

    static MessageType schema(List<ExportService.Column> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (ExportService.Column c : columns) {
            Type.Repetition repetition = c.name().equals("row_number") ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
            switch (c.parquetType()) {
                case "INT64" -> message.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
                case "INT32" -> message.primitive(PrimitiveTypeName.INT32, repetition).named(c.name());
                case "BOOLEAN" -> message.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
                case "DATE" -> message.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(c.name());
                case "STRING" -> message.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(c.name());
                default -> throw new IllegalStateException("no Parquet type for " + c.parquetType());
            }
        }
        return message.named("response_record");
    }

    /** Turns one row into Parquet record events; null values are simply left out (optional fields). */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private RecordConsumer consumer;

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(SCHEMA, Map.of("writer", "childvoice reporting-service"));
        }

        /** Required by the abstract class; never called because the builder is given a ParquetConfiguration. */
        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return init((ParquetConfiguration) null);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                if (value == null) {
                    continue;
                }
                String name = SCHEMA.getFieldName(i);
                consumer.startField(name, i);
                if (value instanceof Long l) {
                    consumer.addLong(l);
                } else if (value instanceof Integer n) {
                    consumer.addInteger(n);
                } else if (value instanceof Boolean b) {
                    consumer.addBoolean(b);
                } else if (value instanceof LocalDate d) {
                    consumer.addInteger(Math.toIntExact(d.toEpochDay()));
                } else {
                    consumer.addBinary(Binary.fromString(value.toString()));
                }
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport();
        }

        /** Required by the abstract class; never called because the builder is given a ParquetConfiguration. */
        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport();
        }
    }

    /** An {@link OutputFile} over a plain stream: Parquet only appends, so a byte counter is its position. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return stream();
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return stream();
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "records.parquet";
        }

        private PositionOutputStream stream() {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
    }
}
