package uk.childvoice.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import uk.childvoice.intake.Examples;
import uk.childvoice.intake.support.Pow;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.LogCapture;
import uk.childvoice.testsupport.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class PrivacyTest {
    // 127.0.0.0/8 is all loopback on Linux: a client address that appears nowhere else in the run.
    static final String CLIENT_ADDRESS = "127.0.0.77";
    static final String FORWARDED_FOR = "203.0.113.77";
    static final String USER_AGENT = "Mozilla/5.0 (PrivacyProbe; rv:99.0) Gecko/20100101";
    static final String COOKIE = "tracker=cookie-value-5f2e";

    @BeforeAll
    static void captureLogs() {
        LogCapture.install();
    }

    /** Sends a raw HTTP/1.1 request from {@link #CLIENT_ADDRESS} with tracking headers; returns the raw response. */
    static String rawRequest(String method, String path, String json, String proof) throws Exception {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(CLIENT_ADDRESS), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nUser-Agent: " + USER_AGENT + "\r\nCookie: " + COOKIE + "\r\n"
                    + "X-Forwarded-For: " + FORWARDED_FOR + "\r\nForwarded: for=" + FORWARDED_FOR + "\r\n"
                    + (proof == null ? "" : "X-Proof-Of-Work: " + proof + "\r\n") + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void noAddressUserAgentCookieOrAnswerReachesAnyLog() throws Exception {
        java.util.logging.Logger.getLogger("privacy-probe").info("capture is working");

        // A valid response, a bad one, a session page and a malformed body, all with tracking headers
        String accepted = rawRequest("POST", "/api/v1/questionnaires/13-17/responses", Examples.fresh1317().toString(), Pow.header());
        ObjectNode bad = Examples.fresh1317();
        Examples.answers(bad).putObject("livingSituation").put("value", "young_offender_institution");
        Examples.answers(bad).putObject("gender").put("value", Examples.POSTCODE);
        String rejected = rawRequest("POST", "/api/v1/questionnaires/13-17/responses", bad.toString(), Pow.header());
        String malformed = rawRequest("POST", "/api/v1/questionnaires/13-17/responses", "{\"postcode\": \"" + Examples.POSTCODE + "\", oops", Pow.header());
        String code = given().contentType(ContentType.JSON).header("X-Proof-Of-Work", Pow.header()).body("{\"questionnaireId\":\"13-17\"}")
                .post("/api/v1/sessions").then().statusCode(201).extract().path("accessCode");
        ObjectNode page = Examples.MAPPER.createObjectNode();
        page.putObject("answers").set("postcode", Examples.answers(Examples.complete1317()).get("postcode"));
        String saved = rawRequest("PUT", "/api/v1/sessions/" + code + "/pages/aboutYou", page.toString(), null);

        assertThat(accepted).startsWith("HTTP/1.1 202");
        assertThat(rejected).startsWith("HTTP/1.1 400");
        assertThat(malformed).startsWith("HTTP/1.1 400");
        assertThat(saved).startsWith("HTTP/1.1 200");
        for (String response : new String[] {accepted, rejected, malformed, saved}) {
            assertThat(response.toLowerCase()).doesNotContain("set-cookie").contains("cache-control: no-store");
        }

        String logs = LogCapture.text();
        assertThat(logs).contains("capture is working");
        assertThat(logs).doesNotContain(CLIENT_ADDRESS).doesNotContain(FORWARDED_FOR).doesNotContain("PrivacyProbe")
                .doesNotContain("cookie-value-5f2e")
                .doesNotContain(Examples.POSTCODE).doesNotContain("SM38JD").doesNotContain(Examples.SCHOOL)
                .doesNotContain(Examples.EMAIL).doesNotContain(Examples.PHONE).doesNotContain("I want to be a vet")
                .doesNotContain("youth clubs").doesNotContain(code).doesNotContain(code.replace("-", ""));
    }

    @Test
    void theAccessLogIsOffAndForwardedHeadersAreIgnored() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.access-log.enabled", Boolean.class)).isFalse();
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)).isFalse();
    }

    @Test
    void corsAnswersOnlyTheConfiguredOrigin() {
        given().header("Origin", "https://survey.test.invalid").get("/api/v1/questionnaires")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("https://survey.test.invalid"));
        given().header("Origin", "https://evil.example").get("/api/v1/questionnaires")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/questionnaires/13-17/responses")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aBodyOverTheLimitIsRefusedAndNothingIsPublished() {
        ObjectNode body = Examples.fresh1317();
        Examples.answers(body).putObject("futureJob").put("value", "x".repeat(70_000));
        given().contentType(ContentType.JSON).header("X-Proof-Of-Work", Pow.header()).body(body.toString())
                .post("/api/v1/questionnaires/13-17/responses").then().statusCode(413);
    }
}
