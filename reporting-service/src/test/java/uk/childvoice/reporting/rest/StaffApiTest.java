package uk.childvoice.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.ParquetFiles;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.reporting.repository.RetentionRepository;
import uk.childvoice.reporting.service.CellKeyPerturbation;
import uk.childvoice.reporting.service.RetentionService;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;
import uk.childvoice.testsupport.PostgresResource;

/** Tables, free text, audit, retention, exports and ledger over a real broker and database. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class StaffApiTest {

    @Inject
    Pool pool;

    @Inject
    RetentionService retention;

    @Inject
    CellKeyPerturbation ckm;

    private void storeAndWait(List<DeidentifiedResponseEvent> events) {
        TestEvents.publish(events);
        String last = events.get(events.size() - 1).getResponseId();
        // Stored, and folded into the stored cubes (on the fold's schedule), which some tests compare with the records.
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM response_record WHERE response_id = $1 "
                + "AND pg_visible_in_snapshot(stored_xid, (SELECT snapshot FROM cube_fold))", last) == 1);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.tuple(new ArrayList<>(List.of(params)))).await().indefinitely().iterator().next().getLong(0);
    }

    private static List<DeidentifiedResponseEvent> many(String questionnaire, String region, String gender, int n, int seed) {
        List<DeidentifiedResponseEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TestEvents.forQuestionnaire(questionnaire, region, gender, (seed + i * 997) % 4096));
        }
        return events;
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void twoWayTableIsPerturbedWithMarginsPercentagesAndNoInternalValues() {
        // Categories come from the whole store (so a category's presence never leaks from a filtered
        // group); this test controls living situation, so the table is exactly 2 x 2.
        List<DeidentifiedResponseEvent> events = new ArrayList<>();
        events.addAll(living(many("tables-q", "E12000005", "girl", 40, 1), "with_parents"));
        events.addAll(living(many("tables-q", "E12000005", "boy", 35, 2), "with_parents"));
        events.addAll(living(many("tables-q", "E12000006", "girl", 30, 3), "foster_parents"));
        events.addAll(living(many("tables-q", "E12000006", "boy", 25, 4), "foster_parents"));
        storeAndWait(events);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath table = given().when().get("/api/v1/tables?rows=livingSituation&columns=gender&questionnaire=tables-q")
                    .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
            assertThat(table.getList("rows.categories")).containsExactly("foster_parents", "with_parents");
            assertThat(table.getList("columns.categories")).containsExactly("boy", "girl");
            assertThat(table.getList("cells")).hasSize(4);
            assertThat(table.getInt("total.count")).isBetween(125, 135);
            assertThat(table.getInt("cells.find { it.row == 'with_parents' && it.column == 'girl' }.count")).isBetween(35, 45);
            assertThat(table.getDouble("rowTotals.find { it.row == 'with_parents' }.percent")).isEqualTo(100.0);
            assertThat(table.getString("percentages")).isEqualTo("row");
            assertThat(table.getString("disclosure.notice")).contains("perturbed");
            assertThat(table.prettify()).doesNotContainIgnoringCase("keySum").doesNotContainIgnoringCase("cellKey").doesNotContainIgnoringCase("recordKey").doesNotContainIgnoringCase("perturbation\"");
        });
        // Closed questions cross with broad dimensions; the base is the respondents.
        JsonPath support = given().when().get("/api/v1/tables?rows=supportReceived&columns=gender&questionnaire=tables-q&percentages=column")
                .then().statusCode(200).extract().jsonPath();
        assertThat(support.getList("rows.categories")).containsExactly("counsellor_therapist", "teacher");
        assertThat(support.getDouble("cells.find { it.row == 'teacher' && it.column == 'girl' }.percent")).isBetween(85.0, 115.0);
        // CSV carries the notice and the same figures.
        String csv = given().accept("text/csv").when().get("/api/v1/tables?rows=livingSituation&columns=gender&questionnaire=tables-q")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("perturbed");
        assertThat(csv).contains("livingSituation,gender,count,percent").contains("with_parents,girl,").contains("Total,Total,");
    }

    private static List<DeidentifiedResponseEvent> living(List<DeidentifiedResponseEvent> events, String situation) {
        for (DeidentifiedResponseEvent e : events) {
            e.getChoices().stream().filter(c -> c.getQuestionId().equals("livingSituation"))
                    .forEach(c -> c.setCodes(List.of(situation)));
        }
        return events;
    }

    private static final String PAIRS_FROM_RECORDS = """
            SELECT a.key AS qa, oa, b.key AS qb, ob, r.questionnaire_id AS q, count(*) AS n, sum(r.record_key) AS s
            FROM response_record r
            CROSS JOIN LATERAL jsonb_each(r.choices::jsonb) a
            CROSS JOIN LATERAL jsonb_each(r.choices::jsonb) b
            CROSS JOIN LATERAL (SELECT jsonb_array_elements_text(a.value -> 'codes') UNION ALL SELECT '*') x (oa)
            CROSS JOIN LATERAL (SELECT jsonb_array_elements_text(b.value -> 'codes') UNION ALL SELECT '*') y (ob)
            WHERE a.key COLLATE "C" < b.key COLLATE "C" AND a.key <> 'localCouncil' AND b.key <> 'localCouncil'
            GROUP BY 1, 2, 3, 4, 5""";

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void twoClosedQuestionsCrossFromThePairCubeExactlyAsFromTheRecords() {
        // given children who answered two closed questions in varied ways (one declined the second)
        String[] feelings = {"happy", "not_sure", "worried"};
        List<DeidentifiedResponseEvent> events = many("pairs-q", "E12000002", "girl", 150, 13);
        for (int i = 0; i < events.size(); i++) {
            int n = i;
            events.get(i).getChoices().forEach(c -> {
                if (c.getQuestionId().equals("feelingsFuture")) {
                    c.setCodes(List.of(feelings[n % 3]));
                } else if (c.getQuestionId().equals("supportReceived")) {
                    switch (n % 4) {
                        case 0 -> c.setCodes(List.of("teacher"));
                        case 1 -> c.setCodes(List.of("counsellor_therapist"));
                        case 2 -> c.setCodes(List.of("teacher", "counsellor_therapist"));
                        default -> {
                            c.setStatus(uk.childvoice.contracts.v1.AnswerStatus.PREFER_NOT_TO_SAY);
                            c.setCodes(List.of());
                        }
                    }
                }
            });
        }
        storeAndWait(events);

        // then the pair cube holds exactly the pairs computed from the stored records
        // (a cell's figures are the sums of its rows: the stored cubes are append-only between compactions)
        assertThat(count("WITH computed AS (" + PAIRS_FROM_RECORDS + "), cube AS (SELECT question_a COLLATE \"default\", option_a COLLATE \"default\", "
                + "question_b COLLATE \"default\", option_b COLLATE \"default\", questionnaire COLLATE \"default\", sum(record_count), sum(key_sum) "
                + "FROM pair_cube GROUP BY 1, 2, 3, 4, 5 HAVING sum(record_count) <> 0) "
                + "SELECT count(*) FROM ((SELECT * FROM computed EXCEPT SELECT * FROM cube) UNION ALL (SELECT * FROM cube EXCEPT SELECT * FROM computed)) d"))
                .isZero();
        assertThat(count("SELECT count(*) FROM pair_cube WHERE questionnaire = 'pairs-q'")).isPositive();

        // and every published cell, margin and total is the cell key method applied to the records' own figures
        Map<String, Long> expected = new java.util.HashMap<>();
        pool.preparedQuery("SELECT oa, ob, n, s FROM (" + PAIRS_FROM_RECORDS + ") p WHERE qa = 'feelingsFuture' AND qb = 'supportReceived' AND q = 'pairs-q'")
                .execute().await().indefinitely()
                .forEach(r -> expected.put(r.getString(0) + "|" + r.getString(1), ckm.publish(r.getLong(2), r.getLong(3))));
        Long zero = ckm.publish(0, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath table = given().when().get("/api/v1/tables?rows=question.feelingsFuture&columns=supportReceived&questionnaire=pairs-q")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(table.getList("rows.categories", String.class)).contains("happy", "not_sure", "worried");
            assertThat(table.getList("columns.categories", String.class)).contains("teacher", "counsellor_therapist", "PREFER_NOT_TO_SAY");
            List<Map<String, Object>> cells = table.getList("cells");
            assertThat(cells).hasSize(table.getList("rows.categories").size() * table.getList("columns.categories").size());
            for (Map<String, Object> cell : cells) {
                assertThat(asLong(cell.get("count"))).as("cell %s", cell)
                        .isEqualTo(expected.getOrDefault(cell.get("row") + "|" + cell.get("column"), zero));
            }
            for (Map<String, Object> cell : table.<Map<String, Object>>getList("rowTotals")) {
                assertThat(asLong(cell.get("count"))).as("row total %s", cell).isEqualTo(expected.getOrDefault(cell.get("row") + "|*", zero));
            }
            for (Map<String, Object> cell : table.<Map<String, Object>>getList("columnTotals")) {
                assertThat(asLong(cell.get("count"))).as("column total %s", cell).isEqualTo(expected.getOrDefault("*|" + cell.get("column"), zero));
            }
            assertThat(table.getLong("total.count")).isEqualTo(expected.get("*|*"));
            // the same table with the axes the other way round is its transpose
            JsonPath transposed = given().when().get("/api/v1/tables?rows=supportReceived&columns=question.feelingsFuture&questionnaire=pairs-q")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(transposed.getLong("cells.find { it.row == 'teacher' && it.column == 'happy' }.count"))
                    .isEqualTo(expected.getOrDefault("happy|teacher", zero));
        });
        // filters other than the questionnaire are refused, naming the parameter
        given().when().get("/api/v1/tables?rows=question.feelingsFuture&columns=supportReceived&region=E12000002")
                .then().statusCode(400).body("invalidParams[0].name", equalTo("region"));
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void badParametersAreProblemDetailsNamingEachField() {
        given().when().get("/api/v1/tables?rows=postcode&columns=region&percentages=some&school=x")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", hasItem("rows"))
                .body("invalidParams.name", hasItem("percentages"))
                .body("invalidParams.name", hasItem("school"));
        given().when().get("/api/v1/tables?rows=supportReceived&columns=localAuthority")
                .then().statusCode(400).body("invalidParams[0].name", equalTo("columns"));
    }

    @Test
    @TestSecurity(user = "root", roles = {"admin", "analyst"})
    void everyNumericQueryParameterThatIsNotANumberIsA400NamingIt() {
        for (String name : List.of("days", "limit", "before")) {
            given().when().get("/api/v1/admin/audit?" + name + "=ten").then().statusCode(400)
                    .contentType("application/problem+json").body("invalidParams.name", equalTo(List.of(name)));
        }
        given().when().get("/api/v1/admin/audit?days=ten&limit=1.5&before=x").then().statusCode(400)
                .body("invalidParams.name", equalTo(List.of("days", "limit", "before")));
        given().when().get("/api/v1/admin/audit?days=0").then().statusCode(400).body("invalidParams[0].name", equalTo("days"));
        for (String name : List.of("limit", "offset")) {
            given().when().get("/api/v1/free-text?question=futureJob&" + name + "=many").then().statusCode(400)
                    .contentType("application/problem+json").body("invalidParams.name", equalTo(List.of(name)));
        }
        given().when().get("/api/v1/admin/audit?days=7&limit=5").then().statusCode(200);
    }

    @Test
    void theTablesEndpointDocumentsEveryFilterInOpenApi() {
        JsonPath doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        List<String> names = doc.getList("paths.'/api/v1/tables'.get.parameters.name", String.class);
        assertThat(names).contains("rows", "columns", "percentages", "format", "supportReceived", "question");
        for (uk.childvoice.reporting.service.Dimension d : uk.childvoice.reporting.service.Dimension.values()) {
            assertThat(names).contains(d.apiName());
        }
        assertThat(doc.getString("paths.'/api/v1/tables'.get.parameters.find { it.name == 'question' }.description"))
                .contains("question.<questionId>");
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void sparseTableIsRefusedWithAClearMessage() {
        storeAndWait(many("sparse-q", "E12000003", "girl", 3, 5));
        given().when().get("/api/v1/tables?rows=localAuthority&columns=age&questionnaire=sparse-q")
                .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("fewer than 10"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void freeTextIsScrubbedAndRefusedForGroupsBelowTheThreshold() {
        storeAndWait(many("free-text-q", "E12000002", "girl", 25, 6));
        storeAndWait(many("free-text-q", "E12000001", "boy", 2, 7));

        JsonPath page = given().when().get("/api/v1/free-text?question=futureJob&questionnaire=free-text-q&region=E12000002&limit=10")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("answers")).hasSize(10);
        assertThat(page.getList("answers.text", String.class)).allSatisfy(t -> assertThat(t).contains("[PHONE]"));
        assertThat(page.getInt("groupSize")).isBetween(20, 30);
        assertThat(page.prettify()).doesNotContain("responseId").doesNotContain("E12000002\",\"E");

        given().when().get("/api/v1/free-text?question=futureJob&questionnaire=free-text-q&region=E12000001")
                .then().statusCode(422).body("detail", containsString("Fewer than 10"));
        given().when().get("/api/v1/free-text?question=futureJob&localAuthority=E06000001")
                .then().statusCode(400).body("invalidParams[0].name", equalTo("localAuthority"));
    }

    @Test
    @TestSecurity(user = "ana", roles = "analyst")
    void everyStaffRequestIsAuditedWithParametersButNotTheAnswer() {
        long before = count("SELECT count(*) FROM audit_entry WHERE subject = 'ana' AND endpoint = '/api/v1/tables'");
        given().when().get("/api/v1/tables?rows=ageBand&gender=girl").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("SELECT count(*) FROM audit_entry WHERE subject = 'ana' AND endpoint = '/api/v1/tables'") == before + 1);
        String parameters = pool.query("SELECT parameters || ' ' || outcome || ' ' || method FROM audit_entry ORDER BY id DESC LIMIT 1")
                .execute().await().indefinitely().iterator().next().getString(0);
        assertThat(parameters).contains("\"rows\":[\"ageBand\"]").contains("\"gender\":[\"girl\"]").contains("200 GET");
        // Append-only: the database refuses to change or delete an entry.
        assertThatThrownBy(() -> pool.query("UPDATE audit_entry SET subject = 'someone-else'").execute().await().indefinitely())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> pool.query("DELETE FROM audit_entry").execute().await().indefinitely())
                .hasMessageContaining("append-only");
    }

    @Test
    @TestSecurity(user = "root", roles = {"admin", "analyst"})
    void retentionDeletesExpiredRecordsKeepsExtendedOnesAndKeepsTheCubeConsistent() {
        // given records of two questionnaires, one of them under a recorded extension
        for (String kept : List.of("13-17", "tables-q", "free-text-q", "sparse-q", "export-q")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("questionnaireId", kept, "extendedUntil", LocalDate.now().plusYears(1).toString(), "reason", "evaluation"))
                    .when().post("/api/v1/admin/retention/extensions").then().statusCode(201);
        }
        storeAndWait(many("expired-q", "E12000009", "girl", 12, 8));

        // when an admin runs retention
        JsonPath run = given().when().post("/api/v1/admin/retention/runs").then().statusCode(200).extract().jsonPath();

        // then the expired records are gone, the kept ones remain, the cubes equal the records, the run is counted
        assertThat(run.getLong("recordsDeleted")).isGreaterThanOrEqualTo(12);
        assertThat(count("SELECT count(*) FROM response_record WHERE questionnaire_id = 'expired-q'")).isZero();
        assertThat(count("SELECT count(*) FROM response_record WHERE questionnaire_id = 'tables-q' OR questionnaire_id = '13-17'"))
                .isEqualTo(count("SELECT coalesce(sum(record_count), 0) FROM record_cube WHERE questionnaire IN ('tables-q', '13-17')"));
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM record_cube WHERE questionnaire = 'expired-q'")).isZero();
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM choice_cube WHERE questionnaire = 'expired-q'")).isZero();
        assertThat(count("SELECT count(*) FROM record_cube")).isPositive();
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM record_cube"))
                .isEqualTo(count("SELECT count(*) FROM response_record"));
        assertThat(count("SELECT coalesce(sum(key_sum), 0) FROM record_cube"))
                .isEqualTo(count("SELECT coalesce(sum(record_key), 0) FROM response_record"));
        given().when().get("/api/v1/admin/retention/runs").then().statusCode(200).body("[0].id", equalTo(run.getInt("id")));
    }

    @Test
    @TestSecurity(user = "root", roles = {"admin", "analyst"})
    void retentionRunsOnOneReplicaAtATimeAndTheOthersSkip() {
        // given expired records, and another replica holding the retention lock (its own session)
        given().contentType(ContentType.JSON)
                .body(Map.of("questionnaireId", "13-17", "extendedUntil", LocalDate.now().plusYears(1).toString(), "reason", "evaluation"))
                .when().post("/api/v1/admin/retention/extensions").then().statusCode(201);
        storeAndWait(many("lock-q", "E12000003", "boy", 11, 12));
        LogCapture.install();
        io.vertx.mutiny.sqlclient.SqlConnection otherReplica = pool.getConnection().await().indefinitely();
        try {
            assertThat(otherReplica.query("SELECT pg_try_advisory_lock(" + 0x7265746eL + ")").execute().await().indefinitely()
                    .iterator().next().getBoolean(0)).isTrue();

            // when this replica's job fires, it skips, says so, and deletes nothing
            RetentionRepository.Run skipped = retention.run("schedule").await().indefinitely();
            assertThat(skipped.outcome()).isEqualTo(RetentionService.SKIPPED);
            assertThat(skipped.id()).isNull();
            assertThat(count("SELECT count(*) FROM response_record WHERE questionnaire_id = 'lock-q'")).isEqualTo(11);
            assertThat(LogCapture.text()).contains("retention run skipped");
        } finally {
            otherReplica.query("SELECT pg_advisory_unlock_all()").execute().await().indefinitely();
            otherReplica.close().await().indefinitely();
        }

        // when two replicas then fire at once
        List<RetentionRepository.Run> runs = Uni.join().all(retention.run("schedule"), retention.run("schedule")).andFailFast()
                .await().indefinitely();

        // then the expired records are deleted once (never counted twice), and the cubes equal the records
        assertThat(runs).extracting(RetentionRepository.Run::outcome).isNotEqualTo(List.of(RetentionService.SKIPPED, RetentionService.SKIPPED));
        assertThat(runs.stream().mapToLong(RetentionRepository.Run::recordsDeleted).sum()).isGreaterThanOrEqualTo(11);
        assertThat(count("SELECT count(*) FROM response_record WHERE questionnaire_id = 'lock-q'")).isZero();
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM record_cube")).isEqualTo(count("SELECT count(*) FROM response_record"));
        assertThat(count("SELECT coalesce(sum(key_sum), 0) FROM record_cube")).isEqualTo(count("SELECT coalesce(sum(record_key), 0) FROM response_record"));
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM choice_cube WHERE questionnaire = 'lock-q'")).isZero();
        assertThat(count("SELECT coalesce(sum(record_count), 0) FROM pair_cube WHERE questionnaire = 'lock-q'")).isZero();
        assertThat(count("WITH computed AS (" + PAIRS_FROM_RECORDS + ") SELECT coalesce(sum(n), 0) FROM computed"))
                .isEqualTo(count("SELECT coalesce(sum(record_count), 0) FROM pair_cube"));
        assertThat(count("WITH computed AS (" + PAIRS_FROM_RECORDS + ") SELECT coalesce(sum(s), 0) FROM computed"))
                .isEqualTo(count("SELECT coalesce(sum(key_sum), 0) FROM pair_cube"));
    }

    @Test
    @TestSecurity(user = "root", roles = {"admin", "analyst"})
    void exportStreamsDeidentifiedMicrodataWithoutIdsOrKeys() {
        storeAndWait(many("export-q", "E12000008", "boy", 5, 9));
        String csv = given().when().get("/api/v1/admin/exports/records.csv").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("row_number,questionnaire_id").doesNotContain("response_id").doesNotContain("record_key");
        assertThat(lines.size() - 1).isEqualTo(count("SELECT count(*) FROM response_record"));
        assertThat(csv).contains(",export-q,1,").doesNotContain("[PHONE]");
        given().when().get("/api/v1/admin/exports/data-dictionary").then().statusCode(200).body("name", hasItem("imd_decile"));
    }

    @Test
    @TestSecurity(user = "root", roles = {"admin", "analyst"})
    void parquetExportStreamsTheDictionaryColumnsWithoutIdsOrKeys() throws Exception {
        // given records in the store, one of them identifiable by its questionnaire
        List<DeidentifiedResponseEvent> events = many("parquet-q", "E12000004", "girl", 7, 11);
        storeAndWait(events);

        // when an admin downloads the Parquet export
        var response = given().when().get("/api/v1/admin/exports/records.parquet").then().statusCode(200)
                .contentType("application/vnd.apache.parquet").extract();
        byte[] bytes = response.asByteArray();

        // then it is a streamed, complete Parquet file with the dictionary's columns and every record
        assertThat(response.header("Content-Length")).isNull();
        ParquetFiles.Contents file = ParquetFiles.read(bytes);
        assertThat(file.rows()).hasSize((int) count("SELECT count(*) FROM response_record"));
        List<String> dictionary = given().when().get("/api/v1/admin/exports/data-dictionary").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class);
        assertThat(file.columnNames()).containsExactlyElementsOf(dictionary).doesNotContain("response_id", "record_key");
        assertThat(file.columnTypes()).containsEntry("row_number", "INT64").containsEntry("submitted_on", "INT32 DATE")
                .containsEntry("age", "INT32").containsEntry("secure_setting", "BOOLEAN").containsEntry("region", "BINARY STRING");
        List<Map<String, Object>> ours = file.rows().stream().filter(r -> "parquet-q".equals(r.get("questionnaire_id"))).toList();
        assertThat(ours).hasSize(7).allSatisfy(r -> {
            assertThat(r).containsEntry("region", "E12000004").containsEntry("age", 15).containsEntry("secure_setting", false)
                    .containsEntry("submitted_on", LocalDate.of(2026, 11, 2)).containsEntry("imd_decile", 7);
            assertThat((String) r.get("choices")).contains("\"gender\"").contains("girl");
        });
        assertThat(file.rows()).extracting(r -> r.get("row_number")).doesNotHaveDuplicates();
        // no response id or record key anywhere in the bytes
        String raw = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(events).allSatisfy(e -> assertThat(raw).doesNotContain(e.getResponseId()));
        assertThat(raw).doesNotContain("record_key").doesNotContain("response_id");
    }

    @Test
    @TestSecurity(user = "root", roles = {"admin", "analyst"})
    void ledgerCountsStoredRecordsAndNamesUnreachableSources() {
        storeAndWait(many("13-17", "E12000007", "girl", 2, 10));
        JsonPath ledger = given().when().get("/api/v1/admin/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getDouble("stages.stored")).isGreaterThanOrEqualTo(2.0);
        assertThat(ledger.getLong("recordsInStore")).isEqualTo(count("SELECT count(*) FROM response_record"));
        assertThat(ledger.getList("unreachableSources", String.class)).singleElement().asString().startsWith("survey-intake");
    }
}
