package uk.childvoice.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import uk.childvoice.testsupport.KafkaResource;
import uk.childvoice.testsupport.KeycloakResource;
import uk.childvoice.testsupport.PostgresResource;

/**
 * Walks every endpoint of the OpenAPI document with real Keycloak tokens: no token (401), a token
 * without the reporting-service audience (401), a token without the endpoint's role (403), and the
 * right role (neither).
 */
@QuarkusTest
@TestProfile(OpenApiSecurityWalkTest.RealKeycloak.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@WithTestResource(KeycloakResource.class)
class OpenApiSecurityWalkTest {

    /** The OIDC tenant is on for this class only (elsewhere @TestSecurity supplies identities). */
    public static class RealKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true");
        }
    }

    record Endpoint(String method, String path) {
        String role() {
            return path.startsWith("/api/v1/admin/") ? "admin" : "analyst";
        }
    }

    @Test
    void everyEndpointRefusesMissingAndWrongTokensAndServesTheRightRole() {
        // given every operation the OpenAPI document lists
        Map<String, Map<String, Object>> paths = given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> endpoints.add(new Endpoint(m.toUpperCase(), path))));
        assertThat(endpoints).extracting(Endpoint::path).allMatch(p -> p.startsWith("/api/v1/"))
                .contains("/api/v1/tables", "/api/v1/free-text", "/api/v1/admin/ledger", "/api/v1/admin/audit",
                        "/api/v1/admin/retention/runs", "/api/v1/admin/exports/records.csv");

        String visitor = KeycloakResource.accessToken("visitor");
        String analyst = KeycloakResource.accessToken("analyst");
        String admin = KeycloakResource.accessToken("admin");
        String otherAudience = KeycloakResource.accessTokenFromOtherApp("admin");

        for (Endpoint e : endpoints) {
            String wrongRole = e.role().equals("admin") ? analyst : visitor;
            String rightRole = e.role().equals("admin") ? admin : analyst;
            assertThat(call(e, null).statusCode()).as("%s %s without a token", e.method(), e.path()).isEqualTo(401);
            assertThat(call(e, otherAudience).statusCode()).as("%s %s with another audience", e.method(), e.path()).isEqualTo(401);
            assertThat(call(e, wrongRole).statusCode()).as("%s %s without role %s", e.method(), e.path(), e.role()).isEqualTo(403);
            Response ok = call(e, rightRole);
            assertThat(ok.statusCode()).as("%s %s with role %s: %s", e.method(), e.path(), e.role(), ok.asString())
                    .isNotIn(401, 403).isLessThan(500);
        }
        // The system test's request: the region table for the analyst from the staff dashboard.
        given().auth().oauth2(analyst).when().get("/api/v1/tables?rows=region").then().statusCode(200);
    }

    private static Response call(Endpoint e, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        String path = e.path();
        if (path.equals("/api/v1/tables")) {
            path += "?rows=region";
        } else if (path.equals("/api/v1/free-text")) {
            path += "?question=futureJob";
        }
        if (e.method().equals("POST")) {
            request = request.contentType("application/json").body(Map.of("questionnaireId", "walk-q",
                    "extendedUntil", LocalDate.now().plusDays(30).toString(), "reason", "security walk"));
        }
        return request.when().request(e.method(), path);
    }
}
