package uk.childvoice.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Build-time facts (filtered into launcher.properties) with system-property overrides. */
public final class LauncherSettings {
    private static final Properties BUILD = load();

    private LauncherSettings() {
    }

    /** The clone's root folder (holds mvnw), where the packaged services are found. */
    public static Path repositoryRoot() {
        String configured = System.getProperty("childvoice.repository.root");
        if (configured != null) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("launcher"))) {
                return p;
            }
        }
        return Path.of(BUILD.getProperty("repository.root"));
    }

    /** The unpacked Keycloak distribution (unpacked by the launcher module's build). */
    public static Path keycloakHome() {
        String configured = System.getProperty("keycloak.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return repositoryRoot().resolve(".cache").resolve("keycloak-" + BUILD.getProperty("keycloak.version"));
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = LauncherSettings.class.getResourceAsStream("/launcher.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
