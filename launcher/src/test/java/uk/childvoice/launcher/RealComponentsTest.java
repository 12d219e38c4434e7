package uk.childvoice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real components the platform runs on start, work, and listen on loopback only. */
class RealComponentsTest {
    @TempDir
    Path dir;

    @Test
    void kafkaBrokerDeliversARecordAndListensOnLoopbackOnly() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, 1)) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "v")).get();
            }
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke");
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 30 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("v");
            }

            List<ListeningSockets.Listener> listeners = ListeningSockets.of(ProcessHandle.current().pid());
            assertThat(listeners).extracting(ListeningSockets.Listener::port).contains(broker.port());
            assertThat(listeners).allMatch(ListeningSockets.Listener::isLoopback, "listens on loopback only");
        }
    }

    @Test
    void kafkaBrokerStartsAgainInTheDirectoryOfAnEarlierRun() {
        // given a broker that ran and stopped (as a local stack or system test run leaves it)
        KafkaBroker.start(dir.resolve("kafka"), 0, 1).close();

        // when the next run starts in the same directory, then it comes up
        try (KafkaBroker again = KafkaBroker.start(dir.resolve("kafka"), 0, 1)) {
            assertThat(ListeningSockets.of(ProcessHandle.current().pid()))
                    .extracting(ListeningSockets.Listener::port).contains(again.port());
        }
    }

    @Test
    void postgresAcceptsThePasswordRoleOnEachDatabaseAndListensOnLoopbackOnly() throws Exception {
        try (PostgresServer pg = PostgresServer.start(dir.resolve("pg"), 0, List.of("intake", "reporting"))) {
            for (String db : List.of("intake", "reporting")) {
                try (Connection c = DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
                     ResultSet rs = c.createStatement().executeQuery("select current_database(), current_user")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(db);
                    assertThat(rs.getString(2)).isEqualTo(PostgresServer.ROLE);
                }
            }
            List<ListeningSockets.Listener> listeners = ListeningSockets.of(pg.pid());
            assertThat(listeners).extracting(ListeningSockets.Listener::port).contains(pg.port());
            assertThat(listeners).allMatch(ListeningSockets.Listener::isLoopback);
        }
    }

    @Test
    void keycloakIssuesTokensWithRolesAndTheReportingAudienceOnlyFromTheDashboardClient() throws Exception {
        try (KeycloakServer kc = KeycloakServer.start(dir.resolve("kc"), 0, Duration.ofMinutes(6))) {
            JsonNode analyst = claims(kc.accessToken("analyst"));
            JsonNode admin = claims(kc.accessToken("admin"));
            JsonNode other = claims(kc.accessTokenFromOtherApp("analyst"));

            assertThat(analyst.path("iss").asText()).isEqualTo(kc.realmUrl());
            assertThat(analyst.path("aud").toString()).contains("reporting-service");
            assertThat(analyst.path("realm_access").path("roles").toString()).contains("analyst").doesNotContain("\"admin\"");
            assertThat(admin.path("realm_access").path("roles").toString()).contains("admin");
            assertThat(other.path("aud").toString()).doesNotContain("reporting-service");

            // Keycloak runs as a child process: every socket it listens on is on loopback.
            long keycloakPid = ProcessHandle.current().children()
                    .filter(h -> h.info().commandLine().orElse("").contains("keycloak")).findFirst().orElseThrow().pid();
            List<ListeningSockets.Listener> listeners = ListeningSockets.of(keycloakPid);
            assertThat(listeners).extracting(ListeningSockets.Listener::port).contains(kc.port());
            assertThat(listeners).allMatch(ListeningSockets.Listener::isLoopback, "listens on loopback only: " + listeners);
        }
    }

    private static JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

}
