package uk.childvoice.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.intake.Examples;
import uk.childvoice.intake.config.IntakeConfig;
import uk.childvoice.intake.repository.SessionRepository;
import uk.childvoice.intake.service.AccessCodes;
import uk.childvoice.intake.service.QuestionnaireCatalog;
import uk.childvoice.intake.service.RateLimiter;
import uk.childvoice.intake.service.ResponseValidator;
import uk.childvoice.intake.service.SessionService;
import uk.childvoice.intake.support.IntakeDatabase;
import uk.childvoice.intake.support.Pow;
import uk.childvoice.intake.support.RawTopic;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class SessionResourceTest {
    @Inject
    SessionService sessionService;
    @Inject
    IntakeConfig config;
    @Inject
    ObjectMapper mapper;

    static String create(String questionnaire) {
        return given().contentType(ContentType.JSON).header("X-Proof-Of-Work", Pow.header())
                .body("{\"questionnaireId\":\"" + questionnaire + "\"}").post("/api/v1/sessions")
                .then().statusCode(201).extract().path("accessCode");
    }

    static io.restassured.response.Response put(String code, String page, ObjectNode answers) {
        ObjectNode body = Examples.MAPPER.createObjectNode();
        body.set("answers", answers);
        return given().contentType(ContentType.JSON).body(body.toString()).put("/api/v1/sessions/{code}/pages/{page}", code, page);
    }

    /** The answers of the complete example that belong to one page of 13-17. */
    static ObjectNode page(String... questionIds) {
        ObjectNode all = Examples.answers(Examples.complete1317());
        ObjectNode page = Examples.MAPPER.createObjectNode();
        for (String id : questionIds) {
            page.set(id, all.get(id));
        }
        return page;
    }

    static final String[] FUTURE = {"futureJob", "goodLifeThings", "barriers", "barriersText"};
    static final String[] LIFE = {"happyFamilyLife", "happyFriends", "happyLocalArea", "happyThingsToDo", "worryEnvironment", "improveAfterCovid"};
    static final String[] ABOUT_YOU = {"age", "gender", "ethnicity", "supportReceived", "livingSituation", "school", "postcode", "localCouncil"};

    @Test
    void startsASessionWithAReadableAccessCode() {
        given().contentType(ContentType.JSON).header("X-Proof-Of-Work", Pow.header()).body("{\"questionnaireId\":\"9-12-easy-read\"}")
                .post("/api/v1/sessions").then().statusCode(201)
                .body("accessCode", matchesPattern("[A-HJKMNP-TV-Z2-9]{4}(-[A-HJKMNP-TV-Z2-9]{4}){3}"))
                .body("nextPage", equalTo("future"))
                .body("questionnaireId", equalTo("9-12-easy-read"))
                .body("expiresAt", notNullValue());
    }

    @Test
    void savesPagesAndShowsProgressButNeverTheAnswers() {
        String code = create("13-17");
        put(code, "future", page(FUTURE)).then().statusCode(200).body("completedPages", contains("future")).body("nextPage", equalTo("life"));
        put(code, "aboutYou", page(ABOUT_YOU)).then().statusCode(200).body("completedPages", contains("future", "aboutYou"));

        String progress = given().get("/api/v1/sessions/{code}", code.toLowerCase().replace("-", " ")).then().statusCode(200)
                .body("completedPages", contains("future", "aboutYou"))
                .body("nextPage", equalTo("life"))
                .extract().asString();
        assertThat(progress).doesNotContain("SM3").doesNotContain("vet").doesNotContain("Greenshaw").doesNotContain("answers");

        // The database holds neither the code nor any answer in clear.
        String stored = IntakeDatabase.dump();
        assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", ""))
                .doesNotContain(Examples.POSTCODE).doesNotContain(Examples.SCHOOL).doesNotContain(Examples.EMAIL).doesNotContain("vet");
    }

    @Test
    void submitPublishesOnceAndARepeatGetsTheSameReceipt() {
        String code = create("13-17");
        put(code, "future", page(FUTURE)).then().statusCode(200);
        put(code, "aboutYou", page(ABOUT_YOU)).then().statusCode(200);

        Map<String, Object> first = given().post("/api/v1/sessions/{code}/submit", code).then().statusCode(202)
                .body("status", equalTo("ACCEPTED")).extract().as(Map.class);
        Map<String, Object> again = given().post("/api/v1/sessions/{code}/submit", code).then().statusCode(202).extract().as(Map.class);
        assertThat(again).isEqualTo(first);

        String id = (String) first.get("submissionId");
        List<RawResponseEvent> events = RawTopic.withKey(KafkaResource.bootstrapServers(), id);
        assertThat(events).hasSize(1);
        assertThat(ResponseResourceTest.CIPHER.decrypt(events.get(0).getPostcode(), id, "postcode")).isEqualTo(Examples.POSTCODE);
        // Saving after submit is refused; progress says submitted.
        put(code, "life", page(LIFE)).then().statusCode(404);
        given().get("/api/v1/sessions/{code}", code).then().statusCode(200).body("submitted", equalTo(true));
        assertThat(IntakeDatabase.count("SELECT count(*) FROM session WHERE submitted_at IS NOT NULL AND answers IS NOT NULL")).isZero();
    }

    @Test
    void aWrongOrMalformedCodeIsNotFound() {
        given().get("/api/v1/sessions/{code}", AccessCodes.generate(4)).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/sessions/{code}", "not-a-code").then().statusCode(404);
        given().post("/api/v1/sessions/{code}/submit", AccessCodes.generate(4)).then().statusCode(404);
    }

    @Test
    void anExpiredSessionIsGoneAndThenDeleted() {
        String code = create("6-8");
        byte[] hash = AccessCodes.lookupHash(AccessCodes.normalise(code, 4));
        IntakeDatabase.update("UPDATE session SET expires_at = now() - interval '1 second' WHERE code_hash = ?", hash);

        given().get("/api/v1/sessions/{code}", code).then().statusCode(404);
        put(code, "future", page("barriers")).then().statusCode(404);

        sessionService.purgeExpired().await().atMost(Duration.ofSeconds(10));
        assertThat(IntakeDatabase.count("SELECT count(*) FROM session WHERE code_hash = ?", hash)).isZero();
    }

    @Test
    void sessionsExpireAfterTheConfiguredTimeByDefaultFourteenDays() {
        assertThat(config.sessions().ttl()).isEqualTo(Duration.ofDays(14));
        String code = create("13-17");
        byte[] hash = AccessCodes.lookupHash(AccessCodes.normalise(code, 4));
        assertThat(IntakeDatabase.count("SELECT count(*) FROM session WHERE code_hash = ? AND expires_at BETWEEN now() + interval '13 days 23 hours' AND now() + interval '14 days 1 hour'", hash))
                .isEqualTo(1);
    }

    @Test
    void aPageIsValidatedLikeAResponse() {
        String code = create("13-17");
        ObjectNode bad = page("age");
        bad.putObject("age").put("value", 25);
        bad.putObject("futureJob").put("value", "on the wrong page");
        put(code, "aboutYou", bad).then().statusCode(400).contentType("application/problem+json")
                .body("errors.pointer", containsInAnyOrder("/answers/age/value", "/answers/futureJob"));
        put(code, "noSuchPage", page()).then().statusCode(400);
    }

    @Test
    void aPageRefusesPostcodeAndSchoolFromASecureSetting() {
        String code = create("13-17");
        ObjectNode about = page(ABOUT_YOU);
        about.putObject("livingSituation").put("value", "young_offender_institution");
        put(code, "aboutYou", about).then().statusCode(400).body("errors.pointer", containsInAnyOrder("/answers/postcode", "/answers/school"));
    }

    @Test
    void oneAccessCodeIsRateLimitedWithoutAffectingOthers() {
        String busy = create("13-17");
        String other = create("13-17");
        int limit = config.rateLimit().perAccessCodePerMinute();
        // Requests arrive faster than the bucket refills (limit per minute), so a 429 comes soon after the burst.
        int status = 200;
        int sent = 0;
        while (status == 200 && sent < 3 * limit) {
            io.restassured.response.Response r = given().get("/api/v1/sessions/{code}", busy);
            status = r.statusCode();
            sent++;
            if (status == 429) {
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(status).isEqualTo(429);
        assertThat(sent).isGreaterThan(limit);
        given().get("/api/v1/sessions/{code}", other).then().statusCode(200);
    }

    @Test
    void aSessionResumesOnAnotherReplicaStartedLater() {
        // Given a session saved through this instance
        String code = create("13-17");
        put(code, "future", page(FUTURE)).then().statusCode(200);

        // When a second, freshly started instance (own Vert.x, own pool, own beans) continues it
        Vertx vertx = Vertx.vertx();
        try {
            PgConnectOptions options = PgConnectOptions.fromUri(PostgresResource.jdbcUrl("intake").substring("jdbc:".length()))
                    .setUser(PostgresResource.username()).setPassword(PostgresResource.password());
            io.vertx.mutiny.sqlclient.Pool pool = io.vertx.mutiny.sqlclient.Pool.newInstance(PgBuilder.pool().connectingTo(options).using(vertx).build());
            QuestionnaireCatalog catalog = new QuestionnaireCatalog(mapper);
            SessionService replica = new SessionService(new SessionRepository(pool), null, null, catalog, new ResponseValidator(catalog),
                    new RateLimiter(config, catalog), mapper, config);
            assertThat(replica.progress(code).await().atMost(Duration.ofSeconds(10)).completedPages()).containsExactly("future");
            replica.savePage(code, "life", Examples.MAPPER.createObjectNode().set("answers", page(LIFE))).await().atMost(Duration.ofSeconds(10));
            pool.closeAndAwait();
        } finally {
            vertx.close();
        }

        // Then this instance sees both pages and submits the answers saved by both
        given().get("/api/v1/sessions/{code}", code).then().statusCode(200).body("completedPages", contains("future", "life"));
        String id = given().post("/api/v1/sessions/{code}/submit", code).then().statusCode(202).extract().path("submissionId");
        RawResponseEvent e = RawTopic.withKey(KafkaResource.bootstrapServers(), id).get(0);
        assertThat(e.getChoices()).anySatisfy(c -> {
            assertThat(c.getQuestionId()).isEqualTo("happyFriends");
            assertThat(c.getCodes()).containsExactly("very_happy");
        });
        assertThat(ResponseResourceTest.CIPHER.decrypt(e.getFreeText().get(0).getText(), id, "freeText/futureJob")).contains("vet");
    }
}
