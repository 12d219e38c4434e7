package uk.childvoice.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads a Parquet file back with parquet-java, for tests of the export. */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    /** What a test checks: column names and types, row groups, and every row as a name → value map. */
    public record Contents(List<String> columnNames, Map<String, String> columnTypes, int rowGroups, List<Map<String, Object>> rows) {
    }

    public static Contents read(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("export", ".parquet");
        try {
            Files.write(file, bytes);
            return read(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public static Contents read(Path file) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFileMetaData().getSchema();
            List<String> names = new ArrayList<>();
            Map<String, String> types = new LinkedHashMap<>();
            for (Type field : schema.getFields()) {
                PrimitiveType p = field.asPrimitiveType();
                LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
                names.add(field.getName());
                types.put(field.getName(), p.getPrimitiveTypeName() + (logical == null ? "" : " " + logical));
            }
            MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
            List<Map<String, Object>> rows = new ArrayList<>();
            int rowGroups = 0;
            PageReadStore rowGroup;
            while ((rowGroup = reader.readNextRowGroup()) != null) {
                rowGroups++;
                RecordReader<Group> records = io.getRecordReader(rowGroup, new GroupRecordConverter(schema));
                for (long i = 0; i < rowGroup.getRowCount(); i++) {
                    rows.add(values(records.read(), schema));
                }
            }
            return new Contents(names, types, rowGroups, rows);
        }
    }

    private static Map<String, Object> values(Group g, MessageType schema) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < schema.getFieldCount(); i++) {
            String name = schema.getFieldName(i);
            if (g.getFieldRepetitionCount(i) == 0) {
                row.put(name, null);
                continue;
            }
            PrimitiveType p = schema.getType(i).asPrimitiveType();
            Object value = switch (p.getPrimitiveTypeName()) {
                case INT64 -> g.getLong(i, 0);
                case INT32 -> p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                        ? LocalDate.ofEpochDay(g.getInteger(i, 0)) : (Object) g.getInteger(i, 0);
                case BOOLEAN -> g.getBoolean(i, 0);
                default -> g.getString(i, 0);
            };
            row.put(name, value);
        }
        return row;
    }
}
