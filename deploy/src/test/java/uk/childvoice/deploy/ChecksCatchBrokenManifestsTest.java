package uk.childvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Each check, shown to fail: the production overlay is rendered, one object is broken on purpose, and the check
 * must name the break. A check that passes a broken manifest is no check.
 */
class ChecksCatchBrokenManifestsTest {

    /** The production objects with one object changed. */
    private static List<K8sObject> production(String kind, String name, Consumer<K8sObject> breakIt) {
        List<K8sObject> objects = new ArrayList<>(Kustomize.overlay("production"));
        K8sObject target = objects.stream().filter(o -> o.is(kind, name)).findFirst().orElseThrow();
        breakIt.accept(target);
        return objects;
    }

    /** One production object, broken. */
    private static K8sObject one(String kind, String name, Consumer<K8sObject> breakIt) {
        K8sObject target = Kustomize.overlay("production").stream().filter(o -> o.is(kind, name)).findFirst().orElseThrow();
        breakIt.accept(target);
        return target;
    }

    private static Map<String, Object> container(K8sObject deployment) {
        return K8sObject.map(deployment.at("spec", "template", "spec", "containers", 0));
    }

    private static Map<String, Object> map(K8sObject object, Object... path) {
        return K8sObject.map(object.at(path));
    }

    // --- the official Kubernetes models

    @Test
    void modelsRejectAnUnknownField() {
        K8sObject broken = one("Deployment", "survey-intake", d -> container(d).put("imagePullPolcy", "Always"));

        assertThat(KubernetesModelValidator.validate(broken)).singleElement().asString()
                .contains("imagePullPolcy").contains("V1Container");
    }

    @Test
    void modelsRejectAMissingRequiredField() {
        K8sObject broken = one("Deployment", "anonymiser", d -> container(d).remove("name"));

        assertThat(KubernetesModelValidator.validate(broken)).singleElement().asString().contains("name").contains("required");
    }

    @Test
    void modelsRejectAWrongType() {
        K8sObject broken = one("Service", "survey-intake", s -> map(s, "spec", "ports", 0).put("port", "eighty"));

        assertThat(KubernetesModelValidator.validate(broken)).isNotEmpty();
    }

    @Test
    void modelsRejectARemovedApiVersion() {
        K8sObject pdb = one("PodDisruptionBudget", "reporting-service", p -> p.raw().put("apiVersion", "policy/v1beta1"));
        K8sObject hpa = one("HorizontalPodAutoscaler", "survey-intake", h -> h.raw().put("apiVersion", "autoscaling/v2beta2"));

        assertThat(KubernetesModelValidator.validate(pdb)).singleElement().asString().contains("removed in 1.25");
        assertThat(KubernetesModelValidator.validate(hpa)).singleElement().asString().contains("removed in 1.26");
    }

    @Test
    void modelsRejectAnApiVersionTheyDoNotKnow() {
        K8sObject broken = one("NetworkPolicy", "default-deny", n -> n.raw().put("apiVersion", "networking.k8s.io/v2"));

        assertThat(KubernetesModelValidator.validate(broken)).singleElement().asString().contains("no Kubernetes model");
    }

    // --- CRD schemas

    @Test
    void crdSchemasRejectAnUnknownField() {
        K8sObject topic = one("KafkaTopic", "survey-response-raw-v1", t -> map(t, "spec").put("retentionMs", 3600000));
        K8sObject scaled = one("ScaledObject", "anonymiser", s -> map(s, "spec").put("maxReplicas", 3));

        assertThat(Platform.crds().validate(topic)).singleElement().asString().contains("spec.retentionMs").contains("unknown field");
        assertThat(Platform.crds().validate(scaled)).singleElement().asString().contains("spec.maxReplicas");
    }

    @Test
    void crdSchemasRejectAMissingRequiredField() {
        K8sObject broken = one("KafkaUser", "geography-service",
                u -> map(u, "spec", "authorization", "acls", 0, "resource").remove("type"));

        assertThat(Platform.crds().validate(broken)).singleElement().asString().contains("required field type");
    }

    @Test
    void crdSchemasRejectAValueOutsideTheEnum() {
        K8sObject broken = one("KafkaUser", "survey-intake", u -> map(u, "spec", "authentication").put("type", "plain"));

        assertThat(Platform.crds().validate(broken)).singleElement().asString().contains("\"plain\" is not one of");
    }

    @Test
    void crdSchemasRejectAWrongType() {
        K8sObject broken = one("Cluster", "reporting-db", c -> map(c, "spec").put("instances", "three"));

        assertThat(Platform.crds().validate(broken)).singleElement().asString().contains("spec.instances").contains("must be integer");
    }

    @Test
    void crdSchemasRejectAnUnservedVersionAndAnUnknownKind() {
        K8sObject oldStrimzi = one("Kafka", "childvoice", k -> k.raw().put("apiVersion", "kafka.strimzi.io/v1beta2"));
        K8sObject unknown = one("Keycloak", "keycloak", k -> k.raw().put("kind", "KeycloakServer"));

        assertThat(Platform.crds().validate(oldStrimzi)).singleElement().asString().contains("not served");
        assertThat(Platform.crds().validate(unknown)).singleElement().asString().contains("no CRD schema");
    }

    @Test
    void crdSchemasCheckCustomResourceMetadataAgainstTheOfficialModel() {
        K8sObject broken = one("KafkaTopic", "survey-safeguarding-flag-v1", t -> map(t, "metadata").put("label", "x"));

        assertThat(Platform.crds().validate(broken)).singleElement().asString().contains("label").contains("V1ObjectMeta");
    }

    // --- Deployment policy

    @Test
    void deploymentPolicyCatchesAMissingProbe() {
        List<K8sObject> broken = production("Deployment", "geography-service", d -> container(d).remove("readinessProbe"));

        assertThat(PlatformPolicy.deploymentsArePinnedDown(broken)).singleElement().asString()
                .contains("geography-service").contains("no readinessProbe");
    }

    @Test
    void deploymentPolicyCatchesAMissingLimit() {
        List<K8sObject> broken = production("Deployment", "reporting-service",
                d -> map(new K8sObject(container(d)), "resources", "limits").remove("memory"));

        assertThat(PlatformPolicy.deploymentsArePinnedDown(broken)).singleElement().asString().contains("no memory limit");
    }

    @Test
    void deploymentPolicyCatchesARootUser() {
        List<K8sObject> broken = production("Deployment", "anonymiser",
                d -> map(d, "spec", "template", "spec", "securityContext").put("runAsUser", 0));

        assertThat(PlatformPolicy.deploymentsArePinnedDown(broken)).singleElement().asString().contains("may run as root");
    }

    @Test
    void deploymentPolicyCatchesAWritableRootFilesystem() {
        List<K8sObject> broken = production("Deployment", "geography-service",
                d -> map(d, "spec", "template", "spec", "initContainers", 0, "securityContext").put("readOnlyRootFilesystem", false));

        assertThat(PlatformPolicy.deploymentsArePinnedDown(broken)).singleElement().asString()
                .contains("postcode-directory").contains("root filesystem is writable");
    }

    @Test
    void deploymentPolicyCatchesAPodWithoutASeccompProfile() {
        List<K8sObject> broken = production("Deployment", "survey-intake",
                d -> map(d, "spec", "template", "spec", "securityContext").remove("seccompProfile"));

        assertThat(PlatformPolicy.deploymentsArePinnedDown(broken)).singleElement().asString()
                .contains("survey-intake").contains("no RuntimeDefault seccomp profile");
    }

    // --- topics

    @Test
    void topicPolicyCatchesATopicWithoutRetention() {
        List<K8sObject> broken = production("KafkaTopic", "survey-response-deidentified-v1",
                t -> map(t, "spec", "config").remove("retention.ms"));

        assertThat(PlatformPolicy.topicsHaveRetention(broken)).singleElement().asString().contains("no positive retention.ms");
    }

    @Test
    void topicPolicyCatchesARawTopicKeptForWeeks() {
        List<K8sObject> broken = production("KafkaTopic", "survey-response-raw-v1",
                t -> map(t, "spec", "config").put("retention.ms", 30L * 24 * 3600 * 1000));

        assertThat(PlatformPolicy.topicsHaveRetention(broken)).singleElement().asString().contains("more than 48 hours");
    }

    @Test
    void topicPolicyCatchesAMisspeltSetting() {
        List<K8sObject> broken = production("KafkaTopic", "survey-response-located-v1",
                t -> map(t, "spec", "config").put("retention.msec", 3600000));

        assertThat(PlatformPolicy.topicSettingsAreKnownToKafka(broken)).singleElement().asString()
                .contains("retention.msec is not a Kafka topic setting");
    }

    // --- Kafka users

    @Test
    void aclPolicyCatchesAServiceReadingATopicItMustNotRead() {
        List<K8sObject> broken = production("KafkaUser", "anonymiser", u -> K8sObject.list(u.at("spec", "authorization", "acls"))
                .add(acl("topic", Platform.RAW, "Read")));

        assertThat(PlatformPolicy.kafkaUsersAreLeastPrivilege(broken, Platform.EXPECTED_ACLS)).singleElement().asString()
                .contains("anonymiser").contains("extra [topic:survey.response.raw.v1:Read]");
        assertThat(PlatformPolicy.onlyTheRightServiceReadsEachTopic(broken)).singleElement().asString()
                .contains("only geography-service may");
    }

    @Test
    void aclPolicyCatchesAPlatformServiceReadingTheSafeguardingFlags() {
        List<K8sObject> broken = production("KafkaUser", "reporting-service", u -> K8sObject.list(u.at("spec", "authorization", "acls"))
                .add(acl("topic", Platform.FLAG, "Read")));

        assertThat(PlatformPolicy.onlyTheRightServiceReadsEachTopic(broken)).singleElement().asString()
                .contains("safeguarding flags");
    }

    @Test
    void aclPolicyCatchesAServiceAccountWithoutAKafkaUser() {
        List<K8sObject> broken = new ArrayList<>(Kustomize.overlay("production"));
        broken.removeIf(o -> o.is("KafkaUser", "survey-intake"));

        assertThat(PlatformPolicy.kafkaUsersAreLeastPrivilege(broken, Platform.EXPECTED_ACLS)).singleElement().asString()
                .contains("no KafkaUser named survey-intake");
    }

    @Test
    void aclPolicyCatchesAWildcardAndAPodUsingAnotherServicesCredentials() {
        List<K8sObject> wildcard = production("KafkaUser", "kafka-lag-reader", u -> K8sObject.list(u.at("spec", "authorization", "acls"))
                .add(acl("topic", "*", "Describe")));
        List<K8sObject> borrowed = production("Deployment", "survey-intake", d -> K8sObject.list(container(d).get("env")).stream()
                .map(K8sObject::map).filter(e -> "KAFKA_SASL_JAAS_CONFIG".equals(e.get("name")))
                .forEach(e -> map(new K8sObject(e), "valueFrom", "secretKeyRef").put("name", "geography-service")));

        assertThat(PlatformPolicy.kafkaUsersAreLeastPrivilege(wildcard, Platform.EXPECTED_ACLS))
                .anySatisfy(v -> assertThat(v).contains("broad ACL topic:*:Describe"));
        assertThat(PlatformPolicy.kafkaUsersAreLeastPrivilege(borrowed, Platform.EXPECTED_ACLS)).singleElement().asString()
                .contains("uses Kafka credentials geography-service but runs as survey-intake");
    }

    private static Map<String, Object> acl(String type, String name, String operation) {
        Map<String, Object> resource = new LinkedHashMap<>(Map.of("type", type, "name", name, "patternType", "literal"));
        return new LinkedHashMap<>(Map.of("resource", resource, "operations", new ArrayList<>(List.of(operation))));
    }

    // --- secrets

    @Test
    void secretPolicyCatchesACommittedSecret() {
        List<K8sObject> withData = new ArrayList<>(Kustomize.overlay("production"));
        withData.add(new K8sObject(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "raw-field-encryption"), "data", Map.of("keyring", "azE6QUFBQQ==")))));
        List<K8sObject> withStringData = new ArrayList<>(Kustomize.overlay("production"));
        withStringData.add(new K8sObject(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", "reporting-service-oidc"), "stringData", Map.of("client-secret", "hunter2")))));

        assertThat(PlatformPolicy.noPlaintextSecrets(withData)).singleElement().asString().contains("carries data");
        assertThat(PlatformPolicy.noPlaintextSecrets(withStringData)).singleElement().asString().contains("carries stringData");
    }

    @Test
    void secretPolicyCatchesAPasswordWrittenIntoADeployment() {
        List<K8sObject> broken = production("Deployment", "reporting-service", d -> K8sObject.list(container(d).get("env")).stream()
                .map(K8sObject::map).filter(e -> "QUARKUS_DATASOURCE_PASSWORD".equals(e.get("name")))
                .forEach(e -> {
                    e.remove("valueFrom");
                    e.put("value", "hunter2");
                }));

        assertThat(PlatformPolicy.noPlaintextSecrets(broken)).singleElement().asString()
                .contains("QUARKUS_DATASOURCE_PASSWORD has a literal value");
    }

    // --- network policies

    @Test
    void flowCheckCatchesAPolicyThatOpensTheAnonymiserToTheIngressController() {
        List<K8sObject> broken = production("NetworkPolicy", "anonymiser",
                p -> K8sObject.list(map(p, "spec", "ingress", 0).get("from"))
                        .add(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))));

        assertThat(RenderedOverlaysTest.unexpectedFlows(broken)).singleElement().asString()
                .contains("ingress-controller -> anonymiser:8080 is open");
    }

    @Test
    void flowCheckCatchesAMissingDefaultDeny() {
        List<K8sObject> broken = new ArrayList<>(Kustomize.overlay("production"));
        broken.removeIf(o -> o.is("NetworkPolicy", "default-deny"));
        broken.removeIf(o -> o.is("NetworkPolicy", "allow-dns"));

        assertThat(RenderedOverlaysTest.unexpectedFlows(broken))
                .anySatisfy(v -> assertThat(v).contains("no default-deny NetworkPolicy"))
                .anySatisfy(v -> assertThat(v).contains("stray-pod -> the-internet:443 is open"));
    }

    @Test
    void flowCheckCatchesAKafkaListenerOpenToEveryPod() {
        List<K8sObject> broken = production("Kafka", "childvoice",
                k -> K8sObject.map(k.at("spec", "kafka", "listeners", 0)).remove("networkPolicyPeers"));

        assertThat(RenderedOverlaysTest.unexpectedFlows(broken)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("ingress-controller -> kafka-broker:9093 is open"));
    }
}
