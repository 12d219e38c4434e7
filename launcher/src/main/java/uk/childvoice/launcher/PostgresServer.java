package uk.childvoice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server (the zonky embedded binaries) on 127.0.0.1, with a password role and one
 * database per service, so that configuration looks like production. As root, zonky wraps initdb and
 * postgres in {@code unshare -U} itself.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String ROLE = "childvoice";

    private final EmbeddedPostgres postgres;
    private final String password;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, String password, Path dataDir) {
        this.postgres = postgres;
        this.password = password;
        this.dataDir = dataDir;
    }

    /** Starts a fresh cluster in {@code dataDir} on the port (0 = free) and creates the databases. */
    public static PostgresServer start(Path dataDir, int port, List<String> databases) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPort(Ports.orFree(port))
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", "on")
                    .start();
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + password + "'");
                for (String db : databases) {
                    s.execute("CREATE DATABASE " + db + " OWNER " + ROLE);
                }
            }
            return new PostgresServer(postgres, password, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the role and databases: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port() + "/" + database;
    }

    /** The Vert.x reactive client's URL form. */
    public String reactiveUrl(String database) {
        return "postgresql://" + Ports.LOOPBACK + ":" + port() + "/" + database;
    }

    /** The postmaster's process id, as PostgreSQL records it in {@code postmaster.pid} (pg_ctl detaches it from us). */
    public long pid() {
        try {
            return Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postmaster.pid in " + dataDir, e);
        }
    }

    public String username() {
        return ROLE;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping PostgreSQL failed", e);
        }
    }
}
