package uk.childvoice.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import uk.childvoice.launcher.KafkaBroker;
import uk.childvoice.launcher.KeycloakServer;
import uk.childvoice.launcher.PostgresServer;

/**
 * One real Kafka, PostgreSQL and Keycloak per test JVM, started on first use and stopped by a shutdown
 * hook when the JVM exits, so that every test class (and every Quarkus restart) reuses them.
 */
final class SharedServers {
    private static KafkaBroker kafka;
    private static PostgresServer postgres;
    private static KeycloakServer keycloak;

    private SharedServers() {
    }

    static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.start(workDir("kafka"), 0, 1);
            stopAtExit("kafka", kafka);
        }
        return kafka;
    }

    static synchronized PostgresServer postgres(List<String> databases) {
        if (postgres == null) {
            postgres = PostgresServer.start(workDir("postgres"), 0, databases);
            stopAtExit("postgres", postgres);
        }
        return postgres;
    }

    static synchronized KeycloakServer keycloak() {
        if (keycloak == null) {
            keycloak = KeycloakServer.start(workDir("keycloak"), 0, Duration.ofMinutes(6));
            stopAtExit("keycloak", keycloak);
        }
        return keycloak;
    }

    private static Path workDir(String what) {
        return Path.of("target", "test-servers", what + "-" + UUID.randomUUID());
    }

    private static void stopAtExit(String what, AutoCloseable server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping test " + what + " failed: " + e);
            }
        }, "stop-test-" + what));
    }
}
