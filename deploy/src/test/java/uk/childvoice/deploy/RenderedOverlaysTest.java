package uk.childvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import uk.childvoice.deploy.NetworkFlows.Pod;

/** Renders each overlay with kubectl kustomize and holds every object to the models, the CRDs and the platform's rules. */
class RenderedOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void rendersTheWholePlatform(String overlay) {
        List<K8sObject> objects = Kustomize.overlay(overlay);

        Map<String, Long> kinds = objects.stream().collect(Collectors.groupingBy(K8sObject::kind, Collectors.counting()));
        assertThat(kinds).containsEntry("Deployment", 4L).containsEntry("ServiceAccount", 4L)
                .containsEntry("Service", 4L).containsEntry("PodDisruptionBudget", 4L)
                .containsEntry("HorizontalPodAutoscaler", 1L).containsEntry("ScaledObject", 3L)
                .containsEntry("Kafka", 1L).containsEntry("KafkaTopic", 7L).containsEntry("KafkaUser", 6L)
                .containsEntry("Cluster", 3L).containsEntry("ScheduledBackup", 2L).containsEntry("ObjectStore", 2L)
                .containsEntry("Keycloak", 1L).containsEntry("KeycloakRealmImport", 1L);
        assertThat(objects.stream().filter(o -> o.kind().equals("Deployment")).map(K8sObject::name))
                .containsExactlyInAnyOrderElementsOf(Platform.SERVICES);
        assertThat(objects).allSatisfy(o -> assertThat(
                o.kind().equals("Namespace") ? "childvoice" : o.at("metadata", "namespace")).isEqualTo("childvoice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyBuiltInObjectMatchesTheOfficialKubernetesModels(String overlay) {
        List<K8sObject> builtIn = Kustomize.overlay(overlay).stream().filter(KubernetesModelValidator::isBuiltIn).toList();

        List<String> problems = builtIn.stream().flatMap(o -> KubernetesModelValidator.validate(o).stream()).toList();

        assertThat(builtIn).hasSizeGreaterThan(25);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyCustomResourceMatchesItsCrdSchema(String overlay) {
        List<K8sObject> custom = Kustomize.overlay(overlay).stream().filter(o -> !KubernetesModelValidator.isBuiltIn(o)).toList();

        List<String> problems = custom.stream().flatMap(o -> Platform.crds().validate(o).stream()).toList();

        assertThat(custom).hasSizeGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCrdsKeptForValidationAreThemselvesValidCustomResourceDefinitions() {
        List<K8sObject> crds = Platform.crds().crds();

        assertThat(crds).extracting(o -> o.at("spec", "names", "kind")).contains("Kafka", "KafkaNodePool", "KafkaTopic",
                "KafkaUser", "Cluster", "ScheduledBackup", "ObjectStore", "ScaledObject", "TriggerAuthentication",
                "Keycloak", "KeycloakRealmImport");
        assertThat(crds.stream().flatMap(o -> KubernetesModelValidator.validate(o).stream()).toList()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyDeploymentHasProbesLimitsAndANonRootReadOnlyPod(String overlay) {
        assertThat(PlatformPolicy.deploymentsArePinnedDown(Kustomize.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void theIngressRoutesOnlyToThePublicServicesAndLogsNoClientAddress(String overlay) {
        List<K8sObject> ingresses = PlatformPolicy.ofKind(Kustomize.overlay(overlay), "Ingress");
        List<Object> backends = new ArrayList<>();
        for (K8sObject ingress : ingresses) {
            K8sObject.list(ingress.at("spec", "rules")).forEach(rule -> K8sObject.list(new K8sObject(K8sObject.map(rule))
                    .at("http", "paths")).forEach(path -> backends.add(new K8sObject(K8sObject.map(path))
                    .at("backend", "service", "name"))));
            assertThat(ingress.at("metadata", "annotations", "nginx.ingress.kubernetes.io/enable-access-log")).isEqualTo("false");
        }

        assertThat(backends).isNotEmpty().allSatisfy(b -> assertThat(b).isIn("survey-intake", "reporting-service", "keycloak-service"));
    }

    @Test
    void theNamespaceEnforcesBaselineAndWarnsOnRestrictedPodSecurity() {
        K8sObject namespace = PlatformPolicy.ofKind(Kustomize.overlay("production"), "Namespace").get(0);

        assertThat(K8sObject.map(namespace.at("metadata", "labels")))
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyTopicOfTheConventionsExistsWithRetention(String overlay) {
        List<K8sObject> objects = Kustomize.overlay(overlay);

        assertThat(objects.stream().filter(o -> o.kind().equals("KafkaTopic")).map(o -> o.at("spec", "topicName")))
                .containsExactlyInAnyOrderElementsOf(Platform.TOPICS);
        assertThat(PlatformPolicy.topicsHaveRetention(objects)).isEmpty();
        assertThat(PlatformPolicy.knownTopicSettings()).contains("retention.ms", "segment.ms", "cleanup.policy");
        assertThat(PlatformPolicy.topicSettingsAreKnownToKafka(objects)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void everyServiceAccountHasAKafkaUserWithOnlyItsAcls(String overlay) {
        List<K8sObject> objects = Kustomize.overlay(overlay);

        assertThat(PlatformPolicy.kafkaUsersAreLeastPrivilege(objects, Platform.EXPECTED_ACLS)).isEmpty();
        assertThat(PlatformPolicy.onlyTheRightServiceReadsEachTopic(objects)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void noSecretIsCommittedInPlaintext(String overlay) {
        assertThat(PlatformPolicy.noPlaintextSecrets(Kustomize.overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void networkPoliciesAllowOnlyTheFlowsThePlatformNeeds(String overlay) {
        assertThat(unexpectedFlows(Kustomize.overlay(overlay))).isEmpty();
    }

    /** The flow matrix: each line is "from -> to:port" and whether it must be open. */
    static List<String> unexpectedFlows(List<K8sObject> objects) {
        NetworkFlows flows = new NetworkFlows(objects);
        Map<String, Pod> pods = new HashMap<>();
        for (K8sObject deployment : PlatformPolicy.ofKind(objects, "Deployment")) {
            Map<String, String> labels = new HashMap<>();
            K8sObject.map(deployment.at("spec", "template", "metadata", "labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
            pods.put(deployment.name(), new Pod(deployment.name(), NetworkFlows.NAMESPACE, labels));
        }
        Pod intake = pods.get("survey-intake");
        Pod geography = pods.get("geography-service");
        Pod anonymiser = pods.get("anonymiser");
        Pod reporting = pods.get("reporting-service");
        Pod intakeDb = Platform.database("intake-db");
        Pod reportingDb = Platform.database("reporting-db");
        Pod keycloakDb = Platform.database("keycloak-db");
        List<String> problems = new ArrayList<>();
        record Flow(Pod from, Pod to, int port, boolean open) {
        }
        List<Flow> matrix = new ArrayList<>(List.of(
                new Flow(Platform.INGRESS_CONTROLLER, intake, 8080, true),
                new Flow(Platform.INGRESS_CONTROLLER, reporting, 8080, true),
                new Flow(Platform.INGRESS_CONTROLLER, Platform.KEYCLOAK, 8080, true),
                new Flow(Platform.INGRESS_CONTROLLER, geography, 8080, false),
                new Flow(Platform.INGRESS_CONTROLLER, anonymiser, 8080, false),
                new Flow(Platform.INGRESS_CONTROLLER, Platform.KAFKA, 9093, false),
                new Flow(Platform.INGRESS_CONTROLLER, reportingDb, 5432, false),
                new Flow(Platform.KEDA, Platform.KAFKA, 9094, true),
                new Flow(Platform.KEDA, Platform.KAFKA, 9093, false),
                new Flow(intake, intakeDb, 5432, true),
                new Flow(intake, reportingDb, 5432, false),
                new Flow(intake, anonymiser, 8080, false),
                new Flow(intake, geography, 8080, false),
                new Flow(intake, Platform.OUTSIDE, 443, false),
                new Flow(geography, intakeDb, 5432, false),
                new Flow(geography, Platform.OUTSIDE, 443, false),
                new Flow(anonymiser, reportingDb, 5432, false),
                new Flow(anonymiser, Platform.KEYCLOAK, 8080, false),
                new Flow(anonymiser, Platform.OUTSIDE, 443, false),
                new Flow(reporting, reportingDb, 5432, true),
                new Flow(reporting, Platform.KEYCLOAK, 8080, true),
                new Flow(reporting, intakeDb, 5432, false),
                new Flow(reporting, keycloakDb, 5432, false),
                new Flow(reporting, Platform.OUTSIDE, 443, false),
                new Flow(Platform.KEYCLOAK, keycloakDb, 5432, true),
                new Flow(Platform.KEYCLOAK, reportingDb, 5432, false),
                // A pod nobody wrote a policy for (a debug pod, a forgotten job) gets nothing.
                new Flow(Platform.STRAY, Platform.OUTSIDE, 443, false),
                new Flow(Platform.STRAY, intake, 8080, false)));
        for (Pod service : List.of(intake, geography, anonymiser, reporting)) {
            matrix.add(new Flow(service, Platform.KAFKA, 9093, true));
            matrix.add(new Flow(service, Platform.KAFKA, 9094, false));
            matrix.add(new Flow(Platform.MONITORING, service, 8080, true));
            matrix.add(new Flow(Platform.OUTSIDE, service, 8080, false));
        }
        for (Flow flow : matrix) {
            boolean open = flows.allowed(flow.from(), flow.to(), flow.port());
            if (open != flow.open()) {
                problems.add(flow.from() + " -> " + flow.to() + ":" + flow.port() + " is " + (open ? "open" : "closed")
                        + " but must be " + (flow.open() ? "open" : "closed"));
            }
        }
        problems.addAll(flows.unsupported());
        boolean defaultDeny = PlatformPolicy.ofKind(objects, "NetworkPolicy").stream().anyMatch(p ->
                K8sObject.map(p.at("spec", "podSelector")).isEmpty()
                        && K8sObject.list(p.at("spec", "policyTypes")).containsAll(List.of("Ingress", "Egress"))
                        && K8sObject.list(p.at("spec", "ingress")).isEmpty() && K8sObject.list(p.at("spec", "egress")).isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)");
        }
        return problems;
    }

    @Test
    void productionRunsThreeKraftControllersAndThreeBrokers() {
        List<K8sObject> pools = PlatformPolicy.ofKind(Kustomize.overlay("production"), "KafkaNodePool");

        assertThat(replicasWithRole(pools, "controller")).isEqualTo(3);
        assertThat(replicasWithRole(pools, "broker")).isEqualTo(3);
        K8sObject kafka = PlatformPolicy.ofKind(Kustomize.overlay("production"), "Kafka").get(0);
        assertThat(kafka.at("spec", "kafka", "config", "default.replication.factor")).isEqualTo(3);
        assertThat(kafka.at("spec", "kafka", "config", "min.insync.replicas")).isEqualTo(2);
    }

    @Test
    void smallRunsOneDualRoleKafkaNodeWithReplicationOne() {
        List<K8sObject> objects = Kustomize.overlay("small");
        List<K8sObject> pools = PlatformPolicy.ofKind(objects, "KafkaNodePool");

        assertThat(replicasWithRole(pools, "controller")).isEqualTo(1);
        assertThat(replicasWithRole(pools, "broker")).isEqualTo(1);
        K8sObject kafka = PlatformPolicy.ofKind(objects, "Kafka").get(0);
        assertThat(kafka.at("spec", "kafka", "config", "default.replication.factor")).isEqualTo(1);
        assertThat(kafka.at("spec", "kafka", "config", "offsets.topic.replication.factor")).isEqualTo(1);
    }

    private static int replicasWithRole(List<K8sObject> pools, String role) {
        return pools.stream().filter(p -> K8sObject.list(p.at("spec", "roles")).contains(role))
                .mapToInt(p -> ((Number) p.at("spec", "replicas")).intValue()).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void streamServicesScaleOnTheirOwnGroupsLagAndNeverBeyondThePartitions(String overlay) {
        List<K8sObject> objects = Kustomize.overlay(overlay);
        Map<String, String> consumes = Map.of("geography-service", Platform.RAW, "anonymiser", Platform.LOCATED,
                "reporting-service", Platform.DEIDENTIFIED);

        for (K8sObject scaled : PlatformPolicy.ofKind(objects, "ScaledObject")) {
            String topic = consumes.get(scaled.name());
            assertThat(scaled.at("spec", "scaleTargetRef", "name")).isEqualTo(scaled.name());
            assertThat(scaled.at("spec", "triggers", 0, "metadata", "consumerGroup")).isEqualTo(scaled.name());
            assertThat(scaled.at("spec", "triggers", 0, "metadata", "topic")).isEqualTo(topic);
            int partitions = PlatformPolicy.ofKind(objects, "KafkaTopic").stream()
                    .filter(t -> topic.equals(t.at("spec", "topicName")))
                    .mapToInt(t -> ((Number) t.at("spec", "partitions")).intValue()).findFirst().orElseThrow();
            assertThat(((Number) scaled.at("spec", "maxReplicaCount")).intValue()).isLessThanOrEqualTo(partitions);
        }
    }

    @Test
    void theRealmHasTheRolesAPkceDashboardAndAConfidentialReportingClientWithAudienceMappers() {
        K8sObject realm = PlatformPolicy.ofKind(Kustomize.overlay("production"), "KeycloakRealmImport").get(0);
        Map<String, Map<String, Object>> clients = new HashMap<>();
        K8sObject.list(realm.at("spec", "realm", "clients"))
                .forEach(c -> clients.put(String.valueOf(K8sObject.map(c).get("clientId")), K8sObject.map(c)));

        assertThat(realm.at("spec", "realm", "realm")).isEqualTo("childvoice");
        assertThat(K8sObject.list(realm.at("spec", "realm", "roles", "realm")))
                .extracting(r -> K8sObject.map(r).get("name")).containsExactlyInAnyOrder("analyst", "admin");
        Map<String, Object> dashboard = clients.get("staff-dashboard");
        assertThat(dashboard).containsEntry("publicClient", true).containsEntry("directAccessGrantsEnabled", false);
        assertThat(new K8sObject(dashboard).at("attributes", "pkce.code.challenge.method")).isEqualTo("S256");
        Map<String, Object> reporting = clients.get("reporting-service");
        assertThat(reporting).containsEntry("publicClient", false).containsEntry("secret", "${REPORTING_SERVICE_CLIENT_SECRET}");
        for (Map<String, Object> client : List.of(dashboard, reporting)) {
            assertThat(K8sObject.list(client.get("protocolMappers"))).anySatisfy(m -> {
                assertThat(K8sObject.map(m)).containsEntry("protocolMapper", "oidc-audience-mapper");
                assertThat(new K8sObject(K8sObject.map(m)).at("config", "included.client.audience")).isEqualTo("reporting-service");
            });
        }
        assertThat(realm.at("spec", "placeholders", "REPORTING_SERVICE_CLIENT_SECRET", "secret", "name"))
                .isEqualTo("reporting-service-oidc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "production"})
    void theReportingAndKeycloakDatabasesAreBackedUpAndTheSessionStoreIsNot(String overlay) {
        List<K8sObject> objects = Kustomize.overlay(overlay);

        assertThat(PlatformPolicy.ofKind(objects, "ScheduledBackup")).extracting(b -> b.at("spec", "cluster", "name"))
                .containsExactlyInAnyOrder("reporting-db", "keycloak-db");
        for (K8sObject cluster : PlatformPolicy.ofKind(objects, "Cluster")) {
            boolean archives = K8sObject.list(cluster.at("spec", "plugins")).stream()
                    .anyMatch(p -> Boolean.TRUE.equals(K8sObject.map(p).get("isWALArchiver")));
            assertThat(archives).as(cluster + " archives WAL").isEqualTo(!cluster.name().equals("intake-db"));
        }
    }
}
