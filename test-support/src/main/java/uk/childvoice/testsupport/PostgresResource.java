package uk.childvoice.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import uk.childvoice.launcher.PostgresServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL 17 on 127.0.0.1 for {@code @QuarkusTest}s, with a password role and the databases
 * {@code childvoice}, {@code intake} and {@code reporting}. Init arg {@code database} picks the one the
 * Quarkus datasource points at (default {@code childvoice}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private static final List<String> DATABASES = List.of("childvoice", "intake", "reporting");
    private String database = "childvoice";

    private static PostgresServer server() {
        return SharedServers.postgres(DATABASES);
    }

    public static String jdbcUrl(String database) {
        return server().jdbcUrl(database);
    }

    public static String jdbcUrl() {
        return jdbcUrl("childvoice");
    }

    public static String username() {
        return server().username();
    }

    public static String password() {
        return server().password();
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        if (!DATABASES.contains(database)) {
            throw new IllegalArgumentException("database must be one of " + DATABASES);
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = server();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
        config.put("quarkus.datasource.username", pg.username());
        config.put("quarkus.datasource.password", pg.password());
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }
}
