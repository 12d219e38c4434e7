package uk.childvoice.geography.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.childvoice.geography.support.FieldKeysResource;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FieldKeysResource.class, restrictToAnnotatedClass = false)
class PostcodeResourceTest {

    @BeforeAll
    static void capture() {
        LogCapture.install();
    }

    @Test
    void looksUpARealPostcodeInAnyCommonSpelling() {
        for (String spelling : new String[] {"SM3%208JD", "sm38jd", "SM3%C2%A08JD"}) {
            given().urlEncodingEnabled(false).when().get("/api/v1/postcodes/" + spelling)
                    .then().statusCode(200).contentType("application/json")
                    .body("status", equalTo("OK"))
                    .body("lsoa", equalTo("E01004118"))
                    .body("lsoaEdition", equalTo("LSOA2011"))
                    .body("lad", equalTo("E09000029"))
                    .body("ladName", equalTo("Sutton"))
                    .body("region", equalTo("E12000007"))
                    .body("country", equalTo("E92000001"))
                    .body("imdDecile", equalTo(8))
                    .body("imdEdition", equalTo("IMD2019"))
                    .body("dataVersion", equalTo("NSPL-2021-11"))
                    .body("postcode", nullValue());
        }
        assertThat(LogCapture.text()).doesNotContain("SM3 8JD").doesNotContain("SM38JD").doesNotContain("sm38jd");
    }

    @Test
    void answersEveryDirectoryOutcomeWithItsStatus() {
        get("WC2H 9HS").body("status", equalTo("TERMINATED")).body("lad", equalTo("E09000007"));
        get("HR5 3NS").body("status", equalTo("NOT_ENGLAND")).body("country", equalTo("W92000004")).body("imdDecile", nullValue());
        get("JE3 9BX").body("status", equalTo("NOT_ENGLAND")).body("country", equalTo("L93000001")).body("lad", nullValue());
        get("SR43 4DA").body("status", equalTo("NO_GEOGRAPHY")).body("lsoa", nullValue());
        get("ZZ99 9ZZ").body("status", equalTo("NOT_FOUND"));
        get("HG1 4HW").body("lad", equalTo("E06000065")).body("ladName", equalTo("North Yorkshire"));
    }

    @Test
    void rejectsSomethingThatIsNotAPostcodeAsAProblemNamingTheField() {
        given().when().get("/api/v1/postcodes/hello")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("lookupStatus", equalTo("INVALID"))
                .body("errors[0].field", equalTo("postcode"));
    }

    @Test
    void describesTheLoadedDirectory() {
        given().when().get("/api/v1/directory").then().statusCode(200)
                .body("source", equalTo("bundled sample"))
                .body("report.directoryEdition", equalTo("NSPL-2021-11"))
                .body("report.rowsRead", equalTo(123018))
                .body("report.terminated", equalTo(28452))
                .body("report.englishLsoasWithoutImd", equalTo(0));
    }

    @Test
    void isReadyWithTheDirectoryLoaded() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'postcode-directory' }.data.edition", equalTo("NSPL-2021-11"));
    }

    @Test
    void exposesLookupAndLedgerMetricsWithoutPostcodes() {
        get("SM3 8JD");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("geography_lookups_total{status=\"OK\"}")
                .contains("survey_responses_dead_lettered_total{stage=\"geography\"}")
                .contains("survey_responses_located_total")
                .doesNotContain("SM3").doesNotContain("8JD");
    }

    private static io.restassured.response.ValidatableResponse get(String postcode) {
        return given().when().get("/api/v1/postcodes/" + postcode).then().statusCode(200);
    }
}
