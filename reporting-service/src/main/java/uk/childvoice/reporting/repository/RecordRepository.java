package uk.childvoice.reporting.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes de-identified records and their free text in one transaction per batch. The cubes follow the
 * records: every instance adds newly stored records to its in-memory cubes within a second
 * ({@link uk.childvoice.reporting.service.CubeIndex}), and one instance at a time folds them into the
 * stored cubes ({@link CubeRepository#fold}), off this path.
 *
 * <p>Why the reactive SQL client rather than Hibernate Reactive here: idempotency by response id is
 * one {@code INSERT … ON CONFLICT DO NOTHING RETURNING} over arrays ({@code unnest}), so a batch of
 * 1,000 records is two statements and a redelivered or concurrently delivered record can never fail
 * the batch with a key violation.
 */
@ApplicationScoped
public class RecordRepository {
    private static final String INSERT_RECORDS = """
            INSERT INTO response_record (response_id, questionnaire_id, questionnaire_version, submitted_on,
                age_status, age, age_band, ethnicity_broad, secure_setting, geography_status, geography_source,
                region, lad, lad_name, imd_decile, imd_edition, data_version, choices, record_key, record_cell)
            SELECT r.id, r.q, r.qv, r.d, r.s, r.a, r.ab, r.eb, r.ss, r.gs, r.gsrc, r.reg, r.lad, r.ladn, r.imd,
                   r.imde, r.dv, r.ch::json, r.rk,
                   string_to_array(r.cell, E'\\x1f')
            FROM unnest($1::text[], $2::text[], $3::int[], $4::date[], $5::text[], $6::int[], $7::text[],
                        $8::text[], $9::bool[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                        $15::int[], $16::text[], $17::text[], $18::text[], $19::int[], $20::text[])
                 AS r(id, q, qv, d, s, a, ab, eb, ss, gs, gsrc, reg, lad, ladn, imd, imde, dv, ch, rk, cell)
            ON CONFLICT (response_id) DO NOTHING
            RETURNING response_id""";
    private static final String INSERT_FREE_TEXT = """
            INSERT INTO free_text_answer (response_id, question_id, text, redactions)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
            ON CONFLICT DO NOTHING""";

    private final Pool pool;

    public RecordRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the records whose response id is new, with their free text, atomically.
     *
     * @return the records stored by this call (a redelivered id is not among them)
     */
    public Uni<List<ResponseRecord>> storeNew(List<ResponseRecord> batch) {
        Map<String, ResponseRecord> unique = new LinkedHashMap<>();
        for (ResponseRecord record : batch) {
            unique.putIfAbsent(record.responseId(), record);
        }
        if (unique.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<ResponseRecord> records = List.copyOf(unique.values());
        return pool.withTransaction(conn -> insertRecords(conn, records)
                .flatMap(inserted -> {
                    List<ResponseRecord> fresh = records.stream().filter(r -> inserted.contains(r.responseId())).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(fresh);
                    }
                    return insertFreeText(conn, fresh).replaceWith(fresh);
                }));
    }

    private Uni<Set<String>> insertRecords(SqlConnection conn, List<ResponseRecord> records) {
        int n = records.size();
        String[] id = new String[n], q = new String[n], s = new String[n], ab = new String[n], eb = new String[n],
                gs = new String[n], gsrc = new String[n], reg = new String[n], lad = new String[n], ladn = new String[n],
                imde = new String[n], dv = new String[n], ch = new String[n], cell = new String[n];
        Integer[] qv = new Integer[n], a = new Integer[n], imd = new Integer[n], rk = new Integer[n];
        LocalDate[] d = new LocalDate[n];
        Boolean[] ss = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ResponseRecord r = records.get(i);
            id[i] = r.responseId();
            q[i] = r.questionnaireId();
            qv[i] = r.questionnaireVersion();
            d[i] = r.submittedOn();
            s[i] = r.ageStatus();
            a[i] = r.age();
            ab[i] = r.ageBand();
            eb[i] = r.ethnicityBroad();
            ss[i] = r.secureSetting();
            gs[i] = r.geographyStatus();
            gsrc[i] = r.geographySource();
            reg[i] = r.region();
            lad[i] = r.lad();
            ladn[i] = r.ladName();
            imd[i] = r.imdDecile();
            imde[i] = r.imdEdition();
            dv[i] = r.dataVersion();
            ch[i] = r.choicesJson();
            rk[i] = r.recordKey();
            // Unit separator: cannot occur in codes, so the array round-trips exactly.
            cell[i] = String.join("\u001f", r.recordCell());
        }
        Tuple params = Tuple.tuple(List.of(id, q, qv, d, s, a, ab, eb, ss, gs, gsrc, reg, lad, ladn, imd, imde, dv, ch, rk, cell));
        return conn.preparedQuery(INSERT_RECORDS).execute(params).map(rows -> {
            Set<String> inserted = new HashSet<>();
            for (Row row : rows) {
                inserted.add(row.getString(0));
            }
            return inserted;
        });
    }

    private Uni<Void> insertFreeText(SqlConnection conn, List<ResponseRecord> records) {
        List<String> ids = new ArrayList<>(), questions = new ArrayList<>(), texts = new ArrayList<>();
        List<Integer> redactions = new ArrayList<>();
        for (ResponseRecord r : records) {
            for (ResponseRecord.FreeTextAnswer answer : r.freeText()) {
                ids.add(r.responseId());
                questions.add(answer.questionId());
                texts.add(answer.text());
                redactions.add(answer.redactions());
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(INSERT_FREE_TEXT)
                .execute(Tuple.of(ids.toArray(String[]::new), questions.toArray(String[]::new),
                        texts.toArray(String[]::new), redactions.toArray(Integer[]::new)))
                .replaceWithVoid();
    }

    /** Number of stored records. */
    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM response_record").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
