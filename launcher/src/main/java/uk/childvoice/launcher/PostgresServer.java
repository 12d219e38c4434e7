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
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPort(Ports.orFree(port))
                    .setServerConfig("listen_addresses", Ports.LOOPBACK)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException | RuntimeException e) {
            // zonky starts the postmaster before it registers its own shutdown hook; when the JVM is already
            // exiting that registration throws, and nothing would ever stop the running postmaster.
            stopPostmasterIn(dataDir);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, io);
            }
            throw (RuntimeException) e;
        }
        try {
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
        } catch (SQLException | RuntimeException e) {
            try {
                postgres.close();
            } catch (IOException stopFailed) {
                e.addSuppressed(stopFailed);
            }
            if (e instanceof SQLException sql) {
                throw new IllegalStateException("cannot create the role and databases: " + sql.getMessage(), sql);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Stops a postmaster left running in the data directory (by the pid it recorded), if any. It may have been
     * launched a moment ago and not have written its pid yet, so this waits a little for the file.
     */
    static void stopPostmasterIn(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (!java.nio.file.Files.exists(pidFile) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!java.nio.file.Files.exists(pidFile)) {
                return;
            }
            ProcessHandle.of(postmasterPid(dataDir)).ifPresent(postmaster -> {
                postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; nobody is connected yet
                try {
                    postmaster.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    postmaster.destroyForcibly();
                }
            });
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the PostgreSQL left in " + dataDir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            return postmasterPid(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read postmaster.pid in " + dataDir, e);
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
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
