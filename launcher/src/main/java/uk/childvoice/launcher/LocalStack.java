package uk.childvoice.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local platform: Kafka, PostgreSQL, Keycloak and the four services on 127.0.0.1 with
 * embedded defaults, then the URLs and demo credentials, until Ctrl-C stops everything.
 *
 * <p>System properties: {@code childvoice.stack.dir} (data and logs, default {@code .local-stack}),
 * {@code childvoice.stack.random-ports=true} (free ports instead of the well-known ones),
 * {@code childvoice.geography.directory} (a full ONS postcode directory file for the geography service),
 * {@code childvoice.stack.proof-of-work=true} (keep intake's bot check on; off by default so curl works).
 */
public final class LocalStack {
    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(System.getProperty("childvoice.stack.dir",
                LauncherSettings.repositoryRoot().resolve(".local-stack").toString()));
        PlatformOptions options = Boolean.getBoolean("childvoice.stack.random-ports")
                ? PlatformOptions.randomPorts(dir) : PlatformOptions.wellKnownPorts(dir);
        String directory = System.getProperty("childvoice.geography.directory");
        if (directory != null && !directory.isBlank()) {
            options.property(Platform.GEOGRAPHY, "geography.directory.path", Path.of(directory).toAbsolutePath().toString());
        }
        // The survey page solves intake's proof-of-work challenge; curl cannot, so the demo stack turns it off.
        boolean proofOfWork = Boolean.getBoolean("childvoice.stack.proof-of-work");
        options.property(Platform.INTAKE, "intake.proof-of-work.enabled", Boolean.toString(proofOfWork));
        if (!Boolean.getBoolean("childvoice.stack.random-ports")) {
            Ports.requireFree(options.kafkaPort, "Kafka");
            Ports.requireFree(options.postgresPort, "PostgreSQL");
            Ports.requireFree(options.keycloakPort, "Keycloak");
            options.servicePorts.forEach((service, port) -> Ports.requireFree(port, service));
        }

        Instant begin = Instant.now();
        Platform platform = Platform.start(options, msg -> System.out.println("[local-stack] " + msg));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\n[local-stack] stopping everything...");
            platform.close();
            System.out.println("[local-stack] stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));

        System.out.println(banner(platform, Duration.between(begin, Instant.now())));
        stopped.await();
    }

    static String banner(Platform p, Duration took) {
        String intake = p.service(Platform.INTAKE).baseUrl();
        String reporting = p.service(Platform.REPORTING).baseUrl();
        KeycloakServer kc = p.keycloak();
        StringBuilder b = new StringBuilder();
        b.append("\n=== Child Voice platform is up (").append(took.toSeconds()).append(" s) — everything on 127.0.0.1 ===\n");
        for (ServiceProcess s : p.services().values().stream().sorted((a, c) -> a.name().compareTo(c.name())).toList()) {
            b.append(String.format("  %-18s %s   (OpenAPI %s/q/openapi, log %s)%n", s.name(), s.baseUrl(), s.baseUrl(), s.log()));
        }
        b.append(String.format("  %-18s %s%n", "kafka", p.kafka().bootstrapServers()));
        b.append(String.format("  %-18s 127.0.0.1:%d  databases intake, reporting; user %s password %s%n",
                "postgresql", p.postgres().port(), p.postgres().username(), p.postgres().password()));
        b.append(String.format("  %-18s %s  (realm %s)%n", "keycloak", kc.baseUrl(), KeycloakServer.REALM));
        b.append("\nDemo staff (generated for this run):\n");
        for (String user : KeycloakServer.USERS) {
            b.append(String.format("  %-8s / %s%n", user, kc.password(user)));
        }
        b.append("\nTry it (tables suppress counts below 10, so send a dozen):\n");
        b.append("  curl -s ").append(intake).append("/api/v1/questionnaires\n");
        b.append("  for i in $(seq 12); do sed \"s/3f1c2a9e-7b4d-4e8a-9c21-5d6f0a1b2c3d/$(cat /proc/sys/kernel/random/uuid)/\" ")
                .append("survey-intake/src/test/resources/examples/complete-13-17.json | curl -s -H 'Content-Type: application/json' -d @- ")
                .append(intake).append("/api/v1/questionnaires/13-17/responses; echo; done\n");
        b.append("  TOKEN=$(curl -s -d grant_type=password -d client_id=staff-dashboard -d username=analyst -d password=")
                .append(kc.password("analyst")).append(" ").append(kc.realmUrl()).append("/protocol/openid-connect/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n");
        b.append("  curl -s -H \"Authorization: Bearer $TOKEN\" '").append(reporting).append("/api/v1/tables?rows=region'\n");
        b.append("\nCtrl-C stops everything.\n");
        return b.toString();
    }
}
