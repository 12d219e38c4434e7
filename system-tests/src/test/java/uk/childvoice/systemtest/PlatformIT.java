package uk.childvoice.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.DeidentifiedResponseEvent;
import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.launcher.KeycloakServer;
import uk.childvoice.launcher.ListeningSockets;
import uk.childvoice.launcher.Platform;
import uk.childvoice.launcher.PlatformOptions;
import uk.childvoice.launcher.ServiceProcess;

/**
 * The four packaged services as separate processes on one broker, one PostgreSQL and one Keycloak:
 * responses posted over HTTP arrive de-identified, and the postcode, the school and the identifying raw
 * free text are nowhere in the database, the located or de-identified topics, or any service's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {
    private static final int RESPONSES = 25;
    private static final String POSTCODE = "SM3 8JD";
    private static final String SCHOOL = "Greenshaw High School";
    private static final String PHONE = "07700 900123";
    private static final String EMAIL = "sam.jones@example.com";
    /** What must never leave intake in the clear, in any spelling we can think of. */
    private static final List<String> SECRETS = List.of(POSTCODE, "SM38JD", "sm3 8jd", SCHOOL, "Greenshaw", PHONE, "07700900123", EMAIL,
            "text me on 07700");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Platform platform;
    private static final List<String> submitted = new ArrayList<>();
    private static final Path EXAMPLE = Path.of("..", "survey-intake", "src", "test", "resources", "examples", "complete-13-17.json");
    private static String accessCode;

    @BeforeAll
    static void startPlatform() {
        Path dir = Path.of("target", "platform-it");
        platform = Platform.start(PlatformOptions.randomPorts(dir).partitions(2), msg -> System.out.println("[platform] " + msg));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void everyServerListensOnLoopbackOnly() {
        List<ListeningSockets.Listener> listeners = new ArrayList<>(ListeningSockets.of(ProcessHandle.current().pid()));
        for (ServiceProcess s : platform.services().values()) {
            List<ListeningSockets.Listener> own = ListeningSockets.of(s.pid());
            assertThat(own).as(s.name()).extracting(ListeningSockets.Listener::port).contains(s.port());
            listeners.addAll(own);
        }
        ProcessHandle.current().children().forEach(child -> listeners.addAll(ListeningSockets.of(child.pid())));
        listeners.addAll(ListeningSockets.of(platform.postgres().pid()));

        assertThat(listeners).extracting(ListeningSockets.Listener::port)
                .contains(platform.kafka().port(), platform.keycloak().port(), platform.postgres().port());
        assertThat(listeners).allMatch(ListeningSockets.Listener::isLoopback, "every listener on loopback: " + listeners);
    }

    @Test
    @Order(2)
    void postedResponsesAreAcceptedAfterTheBrokerAcknowledges() throws Exception {
        String example = Files.readString(EXAMPLE);
        String intake = platform.service(Platform.INTAKE).baseUrl();

        for (int i = 0; i < RESPONSES; i++) {
            ObjectNode body = (ObjectNode) JSON.readTree(example);
            String id = UUID.randomUUID().toString();
            body.put("submissionId", id);
            HttpResponse<String> r = post(intake + "/api/v1/questionnaires/13-17/responses", body.toString(), proofOfWork(intake));
            assertThat(r.statusCode()).as("response %d: %s", i, r.body()).isEqualTo(202);
            submitted.add(id);
        }
    }

    @Test
    @Order(3)
    void everyResponseIsStoredOnceByTheReportingService() throws Exception {
        String metrics = platform.service(Platform.REPORTING).baseUrl() + "/q/metrics";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> counter(metrics, "survey_responses_stored_total") >= RESPONSES);
        assertThat(counter(metrics, "survey_responses_stored_total")).isEqualTo(RESPONSES);
    }

    @Test
    @Order(4)
    void locatedEventsCarryTheAreaAndNeverThePostcode() {
        List<ConsumerRecord<String, byte[]>> records = readTopic(Topics.LOCATED, RESPONSES);

        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(submitted);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertNoSecretIn(Topics.LOCATED, new String(record.value(), StandardCharsets.ISO_8859_1));
            LocatedResponseEvent event = EventCodec.LOCATED.decode(record.value());
            assertNoSecretIn(Topics.LOCATED, event.toString());
            assertThat(event.getGeography().getStatus()).isEqualTo(GeographyStatus.OK);
            assertThat(event.getGeography().getLad()).isEqualTo("E09000029");
            assertThat(event.getGeography().getRegion()).isEqualTo("E12000007");
            assertThat(event.getGeography().getLsoa()).startsWith("E01");
            assertThat(event.getGeography().getImdDecile()).isBetween(1, 10);
        }
    }

    @Test
    @Order(5)
    void deidentifiedEventsCarryScrubbedTextAndNoSchool() {
        List<ConsumerRecord<String, byte[]>> records = readTopic(Topics.DEIDENTIFIED, RESPONSES);

        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(submitted);
        for (ConsumerRecord<String, byte[]> record : records) {
            DeidentifiedResponseEvent event = EventCodec.DEIDENTIFIED.decode(record.value());
            assertNoSecretIn(Topics.DEIDENTIFIED, event.toString());
            assertThat(event.getFreeText()).anySatisfy(t -> assertThat(t.getText()).contains("I want to be a vet"));
            assertThat(event.getArea().getLad()).isEqualTo("E09000029");
            assertThat(event.getRecordKey()).isBetween(0, 4095);
        }
    }

    @Test
    @Order(6)
    void theReportingDatabaseHoldsNoPostcodeSchoolOrIdentifyingText() throws Exception {
        String everything = dumpDatabase("reporting");

        assertThat(everything).contains(submitted.get(0));
        assertNoSecretIn("reporting database", everything);
    }

    @Test
    @Order(7)
    void analystsGetADisclosureControlledTableAndOthersAreRefused() throws Exception {
        KeycloakServer kc = platform.keycloak();
        String url = platform.service(Platform.REPORTING).baseUrl() + "/api/v1/tables?rows=region";

        HttpResponse<String> anonymous = get(url, null);
        HttpResponse<String> visitor = get(url, kc.accessToken("visitor"));
        HttpResponse<String> otherAudience = get(url, kc.accessTokenFromOtherApp("analyst"));
        HttpResponse<String> analyst = get(url, kc.accessToken("analyst"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(visitor.statusCode()).isEqualTo(403);
        assertThat(otherAudience.statusCode()).isEqualTo(401);
        assertThat(analyst.statusCode()).as(analyst.body()).isEqualTo(200);
        JsonNode table = JSON.readTree(analyst.body());
        assertThat(analyst.body()).contains("E12000007");
        assertThat(table.toString()).doesNotContainIgnoringCase("recordKey").doesNotContainIgnoringCase("cellKey");
    }

    @Test
    @Order(8)
    void adminExportsMicrodataAsCsvAndParquetFromThePackagedService() throws Exception {
        // The packaged service has no Hadoop on its class path (compile-only for parquet-java): only this test,
        // against the real jar, shows the Parquet export works without it.
        String exports = platform.service(Platform.REPORTING).baseUrl() + "/api/v1/admin/exports/records";
        String admin = platform.keycloak().accessToken("admin");

        HttpResponse<String> csv = get(exports + ".csv", admin);
        HttpResponse<byte[]> parquet = HTTP.send(HttpRequest.newBuilder(URI.create(exports + ".parquet"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + admin).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> analystParquet = get(exports + ".parquet", platform.keycloak().accessToken("analyst"));

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.body().lines().count()).as("header + one line per stored response")
                .isGreaterThanOrEqualTo(1 + RESPONSES);
        assertThat(csv.body()).as("no response id in the export").doesNotContain(submitted.get(0));
        assertThat(parquet.statusCode()).isEqualTo(200);
        byte[] file = parquet.body();
        String magic = "PAR1";
        assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo(magic);
        assertThat(new String(file, file.length - 4, 4, StandardCharsets.US_ASCII)).as("footer written").isEqualTo(magic);
        assertThat(file.length).isGreaterThan(1_000);
        String bytes = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(submitted.get(0));
        assertNoSecretIn("parquet export", bytes);
        assertThat(analystParquet.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(9)
    void aSavedSessionSurvivesAnIntakeRestartAndIsSubmittedOnce() throws Exception {
        String intake = platform.service(Platform.INTAKE).baseUrl();
        JsonNode example = JSON.readTree(Files.readString(EXAMPLE)).path("answers");
        JsonNode pages = JSON.readTree(get(intake + "/api/v1/questionnaires/13-17", null).body()).path("pages");
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(intake + "/api/v1/sessions"))
                .header("Content-Type", "application/json").header("X-Proof-Of-Work", proofOfWork(intake))
                .POST(HttpRequest.BodyPublishers.ofString("{\"questionnaireId\":\"13-17\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        accessCode = JSON.readTree(created.body()).path("accessCode").asText();
        String session = intake + "/api/v1/sessions/" + accessCode;

        // Given the first two pages saved
        for (int i = 0; i < 2; i++) {
            savePage(session, pages.get(i), example);
        }
        // When intake restarts (new process, same port and settings)
        platform.restart(Platform.INTAKE);

        // Then the session resumes where it was, shows progress but no answer, and submits once
        HttpResponse<String> progress = get(session, null);
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(progress.body()).path("completedPages").toString())
                .contains(pages.get(0).path("id").asText(), pages.get(1).path("id").asText());
        assertThat(progress.body()).doesNotContain("vet").doesNotContain(PHONE).doesNotContain("happy");
        for (int i = 2; i < pages.size(); i++) {
            savePage(session, pages.get(i), example);
        }
        HttpResponse<String> first = post(session + "/submit", "", null);
        HttpResponse<String> again = post(session + "/submit", "", null);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());

        String metrics = platform.service(Platform.REPORTING).baseUrl() + "/q/metrics";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> counter(metrics, "survey_responses_stored_total") >= RESPONSES + 1);
        assertThat(counter(metrics, "survey_responses_stored_total")).isEqualTo(RESPONSES + 1);
    }

    @Test
    @Order(10)
    void noServiceLogMentionsThePostcodeSchoolOrFreeText() throws IOException {
        for (ServiceProcess s : platform.services().values()) {
            String log = Files.readString(s.log());
            assertThat(log).as(s.name() + " log is not empty").isNotBlank();
            assertNoSecretIn(s.name() + " log", log);
            assertThat(log).as(s.name() + " log").doesNotContain("Exams stress me out").doesNotContain("I want to be a vet");
            if (accessCode != null) {
                assertThat(log).as(s.name() + " log").doesNotContain(accessCode).doesNotContain(accessCode.replace("-", ""));
            }
        }
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as("%s must not contain '%s'", where, secret).doesNotContainIgnoringCase(secret);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readTopic(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // Anything beyond the expected count would be a duplicate: read a little longer to catch it.
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records;
    }

    private static String dumpDatabase(String database) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(platform.postgres().jdbcUrl(database),
                platform.postgres().username(), platform.postgres().password())) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables "
                            + "where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).as("tables in " + database).isNotEmpty();
            for (String table : tables) {
                try (ResultSet rs = c.createStatement().executeQuery("select t::text from " + table + " t")) {
                    while (rs.next()) {
                        all.append(table).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static double counter(String metricsUrl, String name) throws Exception {
        String body = get(metricsUrl, null).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})?\\s+([0-9.eE+-]+)$").matcher(body);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private static HttpResponse<String> post(String url, String json, String proofOfWork) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (proofOfWork != null) {
            b.header("X-Proof-Of-Work", proofOfWork);
        }
        return send(b);
    }

    /** Saves one page of a session with the example's answers to that page's questions. */
    private static HttpResponse<String> savePage(String session, JsonNode page, JsonNode example) throws Exception {
        ObjectNode answers = JSON.createObjectNode();
        for (JsonNode q : page.path("questions")) {
            String id = q.isTextual() ? q.asText() : q.path("id").asText();
            if (example.has(id)) {
                answers.set(id, example.get(id));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("answers", answers);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(session + "/pages/" + page.path("id").asText()))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(r.statusCode()).as("page %s: %s", page.path("id").asText(), r.body()).isBetween(200, 204);
        return r;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Solves intake's ALTCHA-style challenge as the survey page in a browser does: find n with SHA-256(salt + n) = challenge. */
    private static String proofOfWork(String intake) throws Exception {
        JsonNode c = JSON.readTree(get(intake + "/api/v1/challenge", null).body());
        String salt = c.path("salt").asText();
        byte[] target = java.util.HexFormat.of().parseHex(c.path("challenge").asText());
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        for (long n = 0; n <= c.path("maxnumber").asLong(); n++) {
            if (java.util.Arrays.equals(sha256.digest((salt + n).getBytes(StandardCharsets.UTF_8)), target)) {
                ObjectNode solution = JSON.createObjectNode()
                        .put("algorithm", c.path("algorithm").asText()).put("challenge", c.path("challenge").asText())
                        .put("number", n).put("salt", salt).put("signature", c.path("signature").asText());
                return java.util.Base64.getEncoder().encodeToString(solution.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new IllegalStateException("challenge has no solution");
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
