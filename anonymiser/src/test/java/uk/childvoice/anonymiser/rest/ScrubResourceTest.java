package uk.childvoice.anonymiser.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.childvoice.anonymiser.TestKeys;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestKeys.class)
class ScrubResourceTest {

    @BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    @Test
    void scrubsTextAndReportsEntitiesAndSafeguarding() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"my friend grace said text 07700 900123. my step dad hits me\"}")
                .when().post("/api/v1/scrub")
                .then().statusCode(200)
                .body("scrubbed", equalTo("my friend [PERSON] said text [PHONE]. my step dad hits me"))
                .body("entities.type", contains("PERSON", "PHONE"))
                .body("entities[0].start", equalTo(10))
                .body("entities[0].end", equalTo(15))
                .body("safeguarding.flag", equalTo(true))
                .body("safeguarding.categories", hasItem("PHYSICAL_ABUSE"));
        assertThat(LogCapture.text()).doesNotContain("07700", "step dad");
    }

    @Test
    void ordinaryTextIsNotFlagged() {
        given().contentType(ContentType.JSON).body("{\"text\": \"this homework is killing me\"}")
                .when().post("/api/v1/scrub")
                .then().statusCode(200)
                .body("scrubbed", equalTo("this homework is killing me"))
                .body("safeguarding.flag", equalTo(false));
    }

    @Test
    void missingTextIsProblemNamingTheField() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/scrub")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("text"));
    }

    @Test
    void malformedJsonIsProblemWithoutEchoingTheBody() {
        String body = given().contentType(ContentType.JSON).body("{\"text\": \"07700 900123")
                .when().post("/api/v1/scrub")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .extract().asString();
        assertThat(body).doesNotContain("07700");
    }
}
