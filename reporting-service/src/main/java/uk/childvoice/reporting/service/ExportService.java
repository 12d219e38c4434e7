package uk.childvoice.reporting.service;

import java.time.LocalDate;
import java.util.List;

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
            new Column("row_number", "integer", "Position in this export; not stable between exports"),
            new Column("questionnaire_id", "text", "Questionnaire variant: 4-5, 6-8, 6-8-easy-read, 9-12, 9-12-easy-read, 13-17"),
            new Column("questionnaire_version", "integer", "Version of the questionnaire definition"),
            new Column("submitted_on", "date", "Day the response was submitted (time of day dropped)"),
            new Column("age_status", "text", "ANSWERED, PREFER_NOT_TO_SAY, NOT_ANSWERED or NOT_ASKED"),
            new Column("age", "integer", "Age in years when answered"),
            new Column("age_band", "text", "Age band (coarsened by the anonymiser where a class was small)"),
            new Column("ethnicity_broad", "text", "ONS 2021 broad ethnic group"),
            new Column("secure_setting", "boolean", "Lives in a secure setting (area kept to region only)"),
            new Column("geography_status", "text", "Outcome of locating the postcode (OK, TERMINATED, NOT_ENGLAND, …)"),
            new Column("geography_source", "text", "POSTCODE, LOCAL_COUNCIL or NONE"),
            new Column("region", "text", "Region GSS code (E12…)"),
            new Column("local_authority", "text", "Local authority district GSS code; empty for secure settings"),
            new Column("imd_decile", "integer", "Index of Multiple Deprivation decile, 1 = most deprived"),
            new Column("imd_edition", "text", "IoD2025 or IMD2019"),
            new Column("choices", "json", "Closed-question answers: {questionId: {status, codes}}"));

    private static final String SQL = "SELECT questionnaire_id, questionnaire_version, submitted_on, age_status, age, age_band, "
            + "ethnicity_broad, secure_setting, geography_status, geography_source, region, lad, imd_decile, imd_edition, "
            + "choices::text FROM response_record ORDER BY response_id";

    private final Pool pool;

    public ExportService(Pool pool) {
        this.pool = pool;
    }

    /** The CSV export as chunks of lines, header first. */
    public Multi<String> csv() {
        String header = String.join(",", DICTIONARY.stream().map(Column::name).toList()) + "\n";
        long[] rowNumber = {0};
        Multi<String> rows = pool.getConnection().onItem().transformToMulti(conn -> conn.begin()
                .onItem().transformToMulti(tx -> conn.prepare(SQL)
                        .onItem().transformToMulti(statement -> statement.createStream(2000).toMulti()))
                .onTermination().call(conn::close))
                .map(row -> line(++rowNumber[0], row))
                .group().intoLists().of(1000)
                .map(lines -> String.join("", lines));
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(header), rows);
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
    public record Column(String name, String type, String meaning) {
    }
}
