package uk.childvoice.reporting.service;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.stream.Stream;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * De-identified microdata exports for admins, streamed from a database cursor in chunks so that
 * twelve million rows never sit in memory at once. Response ids and record keys are not exported:
 * the one links to intake, the other would undo the cell key method.
 */
@ApplicationScoped
public class ExportService {
    /** Column, type, meaning: the data dictionary, in export order. */
    public static final List<Column> DICTIONARY = List.of(
            new Column("row_number", "integer", "INT64", "Position in this export; not stable between exports"),
            new Column("questionnaire_id", "text", "STRING", "Questionnaire variant: 4-5, 6-8, 6-8-easy-read, 9-12, 9-12-easy-read, 13-17"),
            new Column("questionnaire_version", "integer", "INT32", "Version of the questionnaire definition"),
            new Column("submitted_on", "date", "DATE", "Day the response was submitted (time of day dropped)"),
            new Column("age_status", "text", "STRING", "ANSWERED, PREFER_NOT_TO_SAY, NOT_ANSWERED or NOT_ASKED"),
            new Column("age", "integer", "INT32", "Age in years when answered"),
            new Column("age_band", "text", "STRING", "Age band (coarsened by the anonymiser where a class was small)"),
            new Column("ethnicity_broad", "text", "STRING", "ONS 2021 broad ethnic group"),
            new Column("secure_setting", "boolean", "BOOLEAN", "Lives in a secure setting (area kept to region only)"),
            new Column("geography_status", "text", "STRING", "Outcome of locating the postcode (OK, TERMINATED, NOT_ENGLAND, …)"),
            new Column("geography_source", "text", "STRING", "POSTCODE, LOCAL_COUNCIL or NONE"),
            new Column("region", "text", "STRING", "Region GSS code (E12…)"),
            new Column("local_authority", "text", "STRING", "Local authority district GSS code; empty for secure settings"),
            new Column("imd_decile", "integer", "INT32", "Index of Multiple Deprivation decile, 1 = most deprived"),
            new Column("imd_edition", "text", "STRING", "IoD2025 or IMD2019"),
            new Column("choices", "json", "STRING", "Closed-question answers as JSON text: {questionId: {status, codes}}"));

    private static final String SQL = "SELECT questionnaire_id, questionnaire_version, submitted_on, age_status, age, age_band, "
            + "ethnicity_broad, secure_setting, geography_status, geography_source, region, lad, imd_decile, imd_edition, "
            + "choices::text FROM response_record ORDER BY response_id";

    private static final int FETCH_ROWS = 2000;

    private final Pool pool;

    public ExportService(Pool pool) {
        this.pool = pool;
    }

    /** The CSV export as chunks of lines, header first. */
    public Multi<String> csv() {
        String header = String.join(",", DICTIONARY.stream().map(Column::name).toList()) + "\n";
        long[] rowNumber = {0};
        Multi<String> rows = rows()
                .map(row -> line(++rowNumber[0], row))
                .group().intoLists().of(1000)
                .map(lines -> String.join("", lines));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(header), rows);
    }

    /**
     * Writes the Parquet export into {@code out}, blocking (call it on a worker thread). Rows come
     * from the same cursor as the CSV, handed over through a bounded queue with back-pressure, and
     * the writer flushes a row group every {@link ParquetExportWriter#ROW_GROUP_BYTES}; so memory
     * holds one row group and one fetch, never the table. Returns the number of rows written.
     */
    public long parquet(OutputStream out) throws IOException {
        long rowNumber = 0;
        // Closing the stream cancels the cursor if the client goes away or the write fails.
        try (Stream<Row> rows = rows().subscribe().asStream(FETCH_ROWS, () -> new ArrayBlockingQueue<>(FETCH_ROWS))) {
            ParquetExportWriter writer = new ParquetExportWriter(out);
            Iterator<Row> it = rows.iterator();
            while (it.hasNext()) {
                Row row = it.next();
                Object[] values = new Object[DICTIONARY.size()];
                values[0] = ++rowNumber;
                for (int c = 0; c < 14; c++) {
                    values[c + 1] = row.getValue(c);
                }
                values[15] = row.getString(14);
                writer.write(values);
            }
            // Only a complete export gets a footer: a failure above leaves a file no reader accepts,
            // never a shorter one that looks whole.
            writer.finish();
        }
        return rowNumber;
    }

    /** Every record from a server-side cursor, in response-id order, fetched {@value #FETCH_ROWS} at a time. */
    private Multi<Row> rows() {
        return pool.getConnection().onItem().transformToMulti(conn -> conn.begin()
                .onItem().transformToMulti(tx -> conn.prepare(SQL)
                        .onItem().transformToMulti(statement -> statement.createStream(FETCH_ROWS).toMulti()))
                .onTermination().call(conn::close));
    }

    private static String line(long number, Row row) {
        StringBuilder b = new StringBuilder().append(number);
        for (int c = 0; c < 15; c++) {
            Object value = row.getValue(c);
            b.append(',');
            if (value != null) {
                b.append(csvField(value instanceof LocalDate d ? d.toString() : value.toString()));
            }
        }
        return b.append('\n').toString();
    }

    static String csvField(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    /** One column of the export. */
    public record Column(String name, String type, String parquetType, String meaning) {
    }
}
