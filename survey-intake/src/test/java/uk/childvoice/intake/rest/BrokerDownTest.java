package uk.childvoice.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import uk.childvoice.intake.Examples;
import uk.childvoice.intake.support.IntakeDatabase;
import uk.childvoice.intake.support.Pow;
import uk.childvoice.intake.support.RawTopic;
import uk.childvoice.launcher.KafkaBroker;
import uk.childvoice.launcher.Ports;

/**
 * The raw-topic producer points at a loopback port where no broker listens yet: intake must answer
 * 503 with Retry-After (never a false 202), keep nothing, and recover by itself once a broker appears there.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.BrokerNotThereYet.class)
class BrokerDownTest {
    // Held in a system property: Quarkus loads this class twice (test and application class loaders),
    // and both copies must agree on the port.
    static final int PORT = Integer.parseInt((String) System.getProperties()
            .computeIfAbsent("childvoice.test.late-broker-port", k -> Integer.toString(Ports.free())));
    static KafkaBroker lateBroker;

    /** Short producer timeouts so a dead broker is noticed in about a second. */
    public static class BrokerNotThereYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "intake.delivery.producer.\"bootstrap.servers\"", "127.0.0.1:" + PORT,
                    "intake.delivery.producer.\"max.block.ms\"", "1500",
                    "intake.delivery.producer.\"request.timeout.ms\"", "1000",
                    "intake.delivery.producer.\"delivery.timeout.ms\"", "3000",
                    "intake.delivery.producer.\"linger.ms\"", "0",
                    "intake.delivery.retry-after-seconds", "7",
                    "intake.delivery.fail-fast-after-error", "200ms");
        }
    }

    @AfterAll
    static void stopBroker() {
        if (lateBroker != null) {
            lateBroker.close();
        }
    }

    static io.restassured.response.Response post(ObjectNode body) {
        return given().contentType(ContentType.JSON).header("X-Proof-Of-Work", Pow.header()).body(body.toString())
                .post("/api/v1/questionnaires/13-17/responses");
    }

    @Test
    void answers503WhileTheBrokerIsDownAndRecoversWhenItReturns() {
        // Given no broker at the configured address
        ObjectNode body = Examples.fresh1317();
        String id = body.get("submissionId").asText();

        // When a child submits, then the answer is 503 with Retry-After and nothing is kept
        post(body).then().statusCode(503).contentType("application/problem+json").header("Retry-After", "7");
        post(body).then().statusCode(503);
        assertThat(IntakeDatabase.count("SELECT count(*) FROM submission WHERE submission_id = ?::uuid", id)).isZero();

        // When the broker comes up at that address, then the same submission is accepted without a restart
        lateBroker = KafkaBroker.start(Path.of("target", "broker-down-" + System.nanoTime()), PORT, 1);
        AtomicInteger attempts = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            attempts.incrementAndGet();
            int status = post(body).statusCode();
            assertThat(status).isIn(202, 503);
            return status == 202;
        });
        post(body).then().statusCode(202).body("submissionId", equalTo(id));
        assertThat(RawTopic.withKey(lateBroker.bootstrapServers(), id)).hasSize(1);
    }
}
