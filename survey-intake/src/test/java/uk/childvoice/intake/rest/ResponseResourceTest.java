package uk.childvoice.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.childvoice.contracts.crypto.FieldCipher;
import uk.childvoice.contracts.v1.AnswerStatus;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.intake.Examples;
import uk.childvoice.intake.support.IntakeDatabase;
import uk.childvoice.intake.support.Pow;
import uk.childvoice.intake.support.RawTopic;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ResponseResourceTest {
    // The %test keyring of application.properties: t2 active, t1 kept for reading.
    static final FieldCipher CIPHER = FieldCipher.fromKeyring("t2",
            "t1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,t2:HxwdHhobGBkWFxQVEhMQEQ4PDA0KCwgJBgcEBQIDAAE=");

    static Response post(String questionnaire, Object body) {
        return given().contentType(ContentType.JSON).header("X-Proof-Of-Work", Pow.header()).body(body.toString())
                .post("/api/v1/questionnaires/{id}/responses", questionnaire);
    }

    @Test
    void publishesTheCompleteExampleAfterTheKafkaAcknowledgementAndAnswersWithAReceipt() {
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();

        post("13-17", body).then().statusCode(202).contentType(ContentType.JSON)
                .body("submissionId", equalTo(id))
                .body("questionnaireId", equalTo("13-17"))
                .body("questionnaireVersion", equalTo(1))
                .body("status", equalTo("ACCEPTED"))
                .body("receivedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"))
                .body("size()", equalTo(5));

        // The 202 came after the acknowledgement, so the record is already on the topic.
        List<RawResponseEvent> events = RawTopic.withKey(KafkaResource.bootstrapServers(), id);
        assertThat(events).hasSize(1);
        RawResponseEvent e = events.get(0);
        assertThat(e.getAgeStatus()).isEqualTo(AnswerStatus.ANSWERED);
        assertThat(e.getAge()).isEqualTo(15);
        assertThat(e.getSecureSetting()).isFalse();
        assertThat(CIPHER.decrypt(e.getPostcode(), id, "postcode")).isEqualTo(Examples.POSTCODE);
        assertThat(CIPHER.decrypt(e.getSchool(), id, "school")).isEqualTo(Examples.SCHOOL);
        assertThat(CIPHER.decrypt(e.getFreeText().get(0).getText(), id, "freeText/futureJob")).contains(Examples.EMAIL);
        assertThat(e.getPostcode().getKeyId()).isEqualTo("t2");
    }

    @Test
    void benchmarkNoopEndpointIsOffUnlessABenchmarkTurnsItOn() {
        given().contentType("application/json").body(Examples.fresh1317().toString())
                .when().post("/api/v1/benchmark/noop")
                .then().statusCode(404);
    }

    @Test
    void acceptsTheExampleFileAsShipped() {
        // The file the system test posts, unchanged (its fixed submission id may already be taken: same receipt).
        post("13-17", Examples.complete1317()).then().statusCode(202).body("submissionId", equalTo("3f1c2a9e-7b4d-4e8a-9c21-5d6f0a1b2c3d"));
    }

    @Test
    void aRepeatedSubmissionIdGetsTheSameReceiptAndIsPublishedOnce() {
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();
        Map<String, Object> first = post("13-17", body).then().statusCode(202).extract().as(Map.class);
        Map<String, Object> second = post("13-17", body).then().statusCode(202).extract().as(Map.class);

        assertThat(second).isEqualTo(first);
        assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), id)).hasSize(1);
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ?::uuid", id)).isEqualTo(1);
    }

    @Test
    void aBadResponseGetsProblemDetailsNamingEveryBadFieldAndNothingIsPublished() {
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();
        ObjectNode answers = Examples.answers(body);
        answers.putObject("age").put("value", 11);
        answers.putObject("gender").put("value", "dragon");
        answers.putObject("postcode").put("value", "not a postcode");
        answers.putObject("futureJob").put("value", "x".repeat(2001));
        answers.putObject("shoeSize").put("value", 5);

        post("13-17", body).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("https://childvoice.uk/problems/invalid-response"))
                .body("errors", hasSize(5))
                .body("errors.pointer", containsInAnyOrder("/answers/age/value", "/answers/gender/value",
                        "/answers/postcode/value", "/answers/futureJob/value", "/answers/shoeSize"));

        assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), id)).isEmpty();
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ?::uuid", id)).isZero();
    }

    @Test
    void rejectsPostcodeAndSchoolFromASecureSetting() {
        ObjectNode body = Examples.fresh1317();
        Examples.answers(body).putObject("livingSituation").put("value", "secure_childrens_home");
        post("13-17", body).then().statusCode(400)
                .body("errors.pointer", containsInAnyOrder("/answers/postcode", "/answers/school"));
    }

    @Test
    void publishesASecureSettingResponseWithPostcodeAndSchoolNotAsked() {
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();
        Examples.answers(body).putObject("livingSituation").put("value", "secure_childrens_home");
        Examples.answers(body).remove(List.of("postcode", "school"));
        post("13-17", body).then().statusCode(202);
        RawResponseEvent e = RawTopic.withKey(KafkaResource.bootstrapServers(), id).get(0);
        assertThat(e.getSecureSetting()).isTrue();
        assertThat(e.getPostcodeStatus()).isEqualTo(AnswerStatus.NOT_ASKED);
    }

    @Test
    void malformedJsonAndMissingSubmissionIdAreBadRequests() {
        post("13-17", "{\"submissionId\": ").then().statusCode(400).contentType("application/problem+json");
        ObjectNode body = Examples.fresh1317();
        body.remove("submissionId");
        post("13-17", body).then().statusCode(400).body("errors.pointer", containsInAnyOrder("/submissionId"));
        body.put("submissionId", "not-a-uuid");
        post("13-17", body).then().statusCode(400).body("errors.pointer", containsInAnyOrder("/submissionId"));
    }

    @Test
    void anUnknownQuestionnaireIsNotFound() {
        post("18-99", Examples.fresh1317()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/questionnaires/18-99").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aResponseWithoutProofOfWorkIsRefusedAndNotPublished() {
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();
        given().contentType(ContentType.JSON).body(body.toString()).post("/api/v1/questionnaires/13-17/responses")
                .then().statusCode(403).contentType("application/problem+json");
        String reused = Pow.header();
        given().contentType(ContentType.JSON).header("X-Proof-Of-Work", reused).body(Examples.fresh1317().toString())
                .post("/api/v1/questionnaires/13-17/responses").then().statusCode(202);
        given().contentType(ContentType.JSON).header("X-Proof-Of-Work", reused).body(body.toString())
                .post("/api/v1/questionnaires/13-17/responses").then().statusCode(403);
        assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), id)).isEmpty();
    }

    @Test
    void listsTheSixQuestionnairesAndServesEachDefinition() {
        given().get("/api/v1/questionnaires").then().statusCode(200)
                .body("questionnaires.id", containsInAnyOrder("4-5", "6-8", "6-8-easy-read", "9-12", "9-12-easy-read", "13-17"));
        given().get("/api/v1/questionnaires/6-8-easy-read").then().statusCode(200)
                .body("easyRead", equalTo(true))
                .body("preferNotToSayLabel", equalTo("I don't want to say"))
                .body("pages.id", hasItems("future", "aboutYou"));
    }

    @Test
    void countsAcceptedResponsesForTheLedger() {
        post("13-17", Examples.fresh1317()).then().statusCode(202);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("survey_responses_accepted_total(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void aSubmissionBeingPublishedElsewhereIsNotPublishedTwice() {
        // Given another replica has just claimed this submission id and is waiting for the broker
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();
        IntakeDatabase.update("INSERT INTO submission (submission_id, questionnaire_id, questionnaire_version, state, claimed_at) "
                + "VALUES (?::uuid, '13-17', 1, 'PENDING', now())", id);

        // When the child's browser retries, then it is asked to come back, and nothing is published
        post("13-17", body).then().statusCode(503).header("Retry-After", "1");
        assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), id)).isEmpty();
    }

    @Test
    void aClaimLeftByADeadReplicaIsTakenOverAfterTheClaimTimeout() {
        // Given a replica claimed this id long ago and died before the broker answered
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();
        IntakeDatabase.update("INSERT INTO submission (submission_id, questionnaire_id, questionnaire_version, state, claimed_at) "
                + "VALUES (?::uuid, '13-17', 1, 'PENDING', now() - interval '10 minutes')", id);

        // When the browser retries, then this replica publishes it and records the acceptance
        post("13-17", body).then().statusCode(202).body("submissionId", equalTo(id));
        assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), id)).hasSize(1);
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ?::uuid AND state = 'ACCEPTED'", id)).isEqualTo(1);
    }

    /** Posts every body at once from its own thread, each with its own solved proof of work. */
    static List<Response> postConcurrently(List<ObjectNode> bodies) throws Exception {
        List<String> proofs = bodies.stream().map(b -> Pow.header()).toList();
        ExecutorService threads = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                String body = bodies.get(i).toString();
                String proof = proofs.get(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("X-Proof-Of-Work", proof).body(body)
                            .post("/api/v1/questionnaires/{id}/responses", "13-17");
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentPostsOfOneSubmissionIdPublishItExactlyOnce() throws Exception {
        // Given the same response sent eight times at once (a double click, a retrying browser)
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();

        // When they race, then one is published; the others get its receipt or are asked to come back
        List<Integer> statuses = postConcurrently(Collections.nCopies(8, body)).stream().map(Response::statusCode).toList();

        assertThat(statuses).contains(202).allMatch(s -> s == 202 || s == 503);
        assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), id)).hasSize(1);
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ?::uuid AND state = 'ACCEPTED'", id)).isEqualTo(1);
    }

    @Test
    void whenTheDatabaseFailsEveryCallerOfTheBatchGets503AndNothingIsPublished() throws Exception {
        // Given twelve children submitting at once while the submission table cannot be written
        List<ObjectNode> bodies = java.util.stream.IntStream.range(0, 12).mapToObj(i -> Examples.fresh1317()).toList();
        List<Response> responses;
        IntakeDatabase.update("ALTER TABLE submission RENAME TO submission_unavailable");
        try {
            // When they post
            responses = postConcurrently(bodies);
        } finally {
            IntakeDatabase.update("ALTER TABLE submission_unavailable RENAME TO submission");
        }

        // Then each is told to send the same response again later, and none of them was published
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isNotBlank();
            assertThat(r.contentType()).startsWith("application/problem+json");
        });
        for (ObjectNode b : bodies) {
            assertThat(RawTopic.withKey(KafkaResource.bootstrapServers(), b.get("submissionId").asText())).isEmpty();
        }
        // And once the database is back, the same response is accepted
        post("13-17", bodies.get(0)).then().statusCode(202);
    }
}
