package uk.childvoice.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak (the distribution from Maven Central) as its own process on 127.0.0.1, with the
 * {@code childvoice} realm created through the admin API from {@code keycloak/childvoice-realm.json}
 * with passwords generated at start. Dev mode with an in-memory database and a local cache, so it
 * opens no port beyond the two on loopback.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String REALM = "childvoice";
    public static final List<String> USERS = List.of("analyst", "admin", "visitor");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Map<String, String> passwords;
    private final String reportingClientSecret;

    private KeycloakServer(Process process, int port, Map<String, String> passwords, String reportingClientSecret) {
        this.process = process;
        this.port = port;
        this.passwords = passwords;
        this.reportingClientSecret = reportingClientSecret;
    }

    /**
     * Starts Keycloak and waits until the realm exists. The first start on a machine builds the
     * distribution once (about 2 minutes on 2 cores); later starts take 20-40 s.
     */
    public static KeycloakServer start(Path workDir, int port, Duration timeout) {
        Path home = LauncherSettings.keycloakHome();
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution not found at " + home
                    + ": build the launcher module first (./mvnw -pl launcher install), which unpacks it");
        }
        int httpPort = Ports.orFree(port);
        int managementPort = Ports.freeExcept(httpPort);
        String adminPassword = Secrets.password(24);
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("keycloak.log");
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=" + Ports.LOOPBACK, "--http-port=" + httpPort,
                    "--http-management-host=" + Ports.LOOPBACK, "--http-management-port=" + managementPort,
                    "--db=dev-mem", "--cache=local", "--health-enabled=true")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "bootstrap-admin");
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            Process process = pb.start();

            Map<String, String> passwords = new LinkedHashMap<>();
            USERS.forEach(u -> passwords.put(u, Secrets.password(16)));
            String clientSecret = Secrets.password(32);
            KeycloakServer server = new KeycloakServer(process, httpPort, passwords, clientSecret);
            try {
                server.awaitReady(timeout, log);
                server.createRealm(adminPassword);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak", e);
        }
    }

    public String baseUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    /** The issuer URL services use as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    public String password(String user) {
        return passwords.get(user);
    }

    public String reportingClientSecret() {
        return reportingClientSecret;
    }

    /** An access token for a demo user from the staff-dashboard client (carries the reporting-service audience). */
    public String accessToken(String user) {
        return token("staff-dashboard", user);
    }

    /** An access token from a client without the audience mapper: the reporting service must refuse it. */
    public String accessTokenFromOtherApp(String user) {
        return token("other-app", user);
    }

    private String token(String clientId, String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no demo user " + user + "; users are " + USERS);
        }
        JsonNode body = postForm(realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", clientId, "username", user, "password", password));
        return body.path("access_token").asText();
    }

    private void awaitReady(Duration timeout, Path log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Keycloak not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    private void createRealm(String adminPassword) {
        JsonNode adminToken = postForm(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "bootstrap-admin", "password", adminPassword));
        String realm;
        try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/childvoice-realm.json")) {
            realm = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${REPORTING_CLIENT_SECRET}", reportingClientSecret)
                    .replace("${ANALYST_PASSWORD}", passwords.get("analyst"))
                    .replace("${ADMIN_PASSWORD}", passwords.get("admin"))
                    .replace("${VISITOR_PASSWORD}", passwords.get("visitor"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken.path("access_token").asText())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(realm))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating realm " + REALM + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = send(b.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("request to Keycloak failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ServiceProcess.stop(process, Duration.ofSeconds(20));
    }
}
