package uk.childvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The manifests the README's procedures use are valid, and the README names every Secret the manifests need. */
class OperationsTest {

    private static final Path README = Kustomize.K8S_DIR.resolveSibling("README.md");

    @Test
    void theRestoreManifestMatchesTheCrdsAndRestoresFromTheReportingBackups() throws IOException {
        List<K8sObject> restore;
        try (Stream<Path> files = Files.list(Kustomize.K8S_DIR.resolve("restore"))) {
            restore = files.sorted().flatMap(f -> Kustomize.read(f).stream()).toList();
        }

        assertThat(restore).isNotEmpty();
        for (K8sObject object : restore) {
            List<String> problems = KubernetesModelValidator.isBuiltIn(object) ? KubernetesModelValidator.validate(object)
                    : Platform.crds().validate(object);
            assertThat(problems).as(object.toString()).isEmpty();
        }
        K8sObject cluster = restore.get(0);
        String source = String.valueOf(cluster.at("spec", "bootstrap", "recovery", "source"));
        assertThat(cluster.at("spec", "externalClusters", 0, "name")).isEqualTo(source);
        assertThat(cluster.at("spec", "externalClusters", 0, "plugin", "parameters", "barmanObjectName"))
                .isEqualTo(PlatformPolicy.ofKind(Kustomize.overlay("production"), "ObjectStore").stream()
                        .map(K8sObject::name).filter(n -> n.startsWith("reporting-db")).findFirst().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void theReadmeNamesEverySecretTheManifestsReference(String overlay) throws IOException {
        String readme = Files.readString(README);

        Set<String> referenced = secretsReferenced(Kustomize.overlay(overlay));

        assertThat(referenced).contains("raw-field-encryption", "safeguarding-flag-encryption", "reporting-service-oidc",
                "reporting-db-app", "childvoice-cluster-ca-cert", "kafka-lag-reader");
        assertThat(referenced).allSatisfy(name -> assertThat(readme).as("README mentions Secret " + name).contains("`" + name + "`"));
    }

    /** Secret names from secretKeyRef, secret volumes, TLS, operator fields and KEDA and realm references. */
    static Set<String> secretsReferenced(List<K8sObject> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> collect(o.raw(), null, names));
        return names;
    }

    private static void collect(Object value, String key, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = K8sObject.map(map);
            if (key != null && Set.of("secretKeyRef", "secret", "usernameSecret", "passwordSecret", "accessKeyId",
                    "secretAccessKey").contains(key) && m.get("name") != null) {
                names.add(String.valueOf(m.get("name")));
            }
            if (m.get("secretName") != null) {
                names.add(String.valueOf(m.get("secretName")));
            }
            if (m.containsKey("parameter") && m.containsKey("name") && m.containsKey("key")) {
                names.add(String.valueOf(m.get("name")));
            }
            m.forEach((k, v) -> collect(v, k, names));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, key, names));
        }
    }
}
