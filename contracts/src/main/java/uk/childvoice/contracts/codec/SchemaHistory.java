package uk.childvoice.contracts.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Released versions of each event schema, kept in {@code avro/history/<Name>-<n>.avsc} (they are
 * never edited once released). A new schema version is released by copying the current schema there
 * with the next number; the compatibility test then holds every later change to both directions.
 */
public final class SchemaHistory {
    private static final int MAX_VERSIONS = 99;

    private SchemaHistory() {
    }

    /** Released schemas of the record with this simple name, oldest first. */
    public static List<Schema> of(String recordName) {
        List<Schema> schemas = new ArrayList<>();
        for (int v = 1; v <= MAX_VERSIONS; v++) {
            String path = "avro/history/" + recordName + "-" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                schemas.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
        return schemas;
    }

    static List<Schema> withCurrent(Schema current) {
        List<Schema> all = new ArrayList<>(of(current.getName()));
        all.add(current);
        return all;
    }
}
