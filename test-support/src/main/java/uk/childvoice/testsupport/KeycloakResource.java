package uk.childvoice.testsupport;

import java.util.Map;

import uk.childvoice.launcher.KeycloakServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Keycloak on 127.0.0.1 with the {@code childvoice} realm (roles analyst and admin; users
 * analyst, admin, visitor) for {@code @QuarkusTest}s; sets {@code quarkus.oidc.auth-server-url}.
 * Costs 20-60 s to start (about 2 minutes the first time on a machine), once per test JVM.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static KeycloakServer server() {
        return SharedServers.keycloak();
    }

    /** A token for the user from the staff-dashboard client: audience reporting-service. */
    public static String accessToken(String user) {
        return server().accessToken(user);
    }

    /** A token for the user from a client whose tokens do not carry the reporting-service audience. */
    public static String accessTokenFromOtherApp(String user) {
        return server().accessTokenFromOtherApp(user);
    }

    @Override
    public Map<String, String> start() {
        KeycloakServer kc = server();
        return Map.of(
                "quarkus.oidc.auth-server-url", kc.realmUrl(),
                "quarkus.oidc.credentials.secret", kc.reportingClientSecret());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }
}
