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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.reporting.TestEvents;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.PostgresResource;

/** Tables, free text, audit, retention, exports and ledger over a real broker and database. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class StaffApiTest {

    @Inject
    Pool pool;

    private void storeAndWait(List<DeidentifiedResponseEvent> events) {
        TestEvents.publish(events);
        String last = events.get(events.size() - 1).getResponseId();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM response_record WHERE response_id = $1", last) == 1);
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
    void ledgerCountsStoredRecordsAndNamesUnreachableSources() {
        storeAndWait(many("13-17", "E12000007", "girl", 2, 10));
        JsonPath ledger = given().when().get("/api/v1/admin/ledger").then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getDouble("stages.stored")).isGreaterThanOrEqualTo(2.0);
        assertThat(ledger.getLong("recordsInStore")).isEqualTo(count("SELECT count(*) FROM response_record"));
        assertThat(ledger.getList("unreachableSources", String.class)).singleElement().asString().startsWith("survey-intake");
    }
}
