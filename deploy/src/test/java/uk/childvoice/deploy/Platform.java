package uk.childvoice.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import uk.childvoice.deploy.NetworkFlows.Pod;

/** What the platform's manifests must say, written out once for the tests: ACLs, pods, CRD locations. */
final class Platform {

    static final String RAW = "survey.response.raw.v1";
    static final String LOCATED = "survey.response.located.v1";
    static final String DEIDENTIFIED = "survey.response.deidentified.v1";
    static final String FLAG = "survey.safeguarding.flag.v1";

    /** Every topic of docs/conventions.md. */
    static final Set<String> TOPICS = Set.of(RAW, LOCATED, DEIDENTIFIED, FLAG, RAW + ".dlq.geography-service",
            LOCATED + ".dlq.anonymiser", DEIDENTIFIED + ".dlq.reporting-service");

    static final Set<String> SERVICES = Set.of("survey-intake", "geography-service", "anonymiser", "reporting-service");

    /** The least-privilege ACLs of every Kafka client, platform service or outside consumer. */
    static final Map<String, Set<String>> EXPECTED_ACLS = Map.of(
            "survey-intake", Set.of("topic:" + RAW + ":Write", "topic:" + RAW + ":Describe"),
            "geography-service", Set.of("topic:" + RAW + ":Read", "topic:" + RAW + ":Describe",
                    "group:geography-service:Read", "topic:" + LOCATED + ":Write", "topic:" + LOCATED + ":Describe",
                    "topic:" + RAW + ".dlq.geography-service:Write", "topic:" + RAW + ".dlq.geography-service:Describe"),
            "anonymiser", Set.of("topic:" + LOCATED + ":Read", "topic:" + LOCATED + ":Describe", "group:anonymiser:Read",
                    "topic:" + DEIDENTIFIED + ":Write", "topic:" + DEIDENTIFIED + ":Describe",
                    "topic:" + FLAG + ":Write", "topic:" + FLAG + ":Describe",
                    "topic:" + LOCATED + ".dlq.anonymiser:Write", "topic:" + LOCATED + ".dlq.anonymiser:Describe",
                    "prefix transactionalId:anonymiser-:Write", "prefix transactionalId:anonymiser-:Describe"),
            "reporting-service", Set.of("topic:" + DEIDENTIFIED + ":Read", "topic:" + DEIDENTIFIED + ":Describe",
                    "group:reporting-service:Read", "topic:" + DEIDENTIFIED + ".dlq.reporting-service:Write",
                    "topic:" + DEIDENTIFIED + ".dlq.reporting-service:Describe"),
            "kafka-lag-reader", Set.of("topic:" + RAW + ":Describe", "topic:" + LOCATED + ":Describe",
                    "topic:" + DEIDENTIFIED + ":Describe", "group:geography-service:Describe",
                    "group:anonymiser:Describe", "group:reporting-service:Describe"),
            "safeguarding-team", Set.of("topic:" + FLAG + ":Read", "topic:" + FLAG + ":Describe",
                    "group:safeguarding-team:Read"));

    static final Path HAND_WRITTEN_CRDS = Path.of(System.getProperty("deploy.crds.dir", "crds"));
    static final Path STRIMZI_CRDS = Path.of(System.getProperty("deploy.strimzi.crds.dir", "target/crds/strimzi"));

    private static CrdSchemaValidator crds;

    static synchronized CrdSchemaValidator crds() {
        if (crds == null) {
            crds = CrdSchemaValidator.fromDirectories(STRIMZI_CRDS, HAND_WRITTEN_CRDS);
        }
        return crds;
    }

    static Pod service(String name) {
        return new Pod(name, NetworkFlows.NAMESPACE, Map.of("app.kubernetes.io/name", name));
    }

    static final Pod INGRESS_CONTROLLER = new Pod("ingress-controller", "ingress-nginx", Map.of());
    static final Pod MONITORING = new Pod("prometheus", "monitoring", Map.of());
    static final Pod KEDA = new Pod("keda-operator", "keda", Map.of());
    static final Pod STRAY = new Pod("stray-pod", NetworkFlows.NAMESPACE, Map.of("app", "debug"));
    static final Pod OUTSIDE = new Pod("the-internet", "outside", Map.of());
    static final Pod KAFKA = new Pod("kafka-broker", NetworkFlows.NAMESPACE, NetworkFlows.brokerLabels("childvoice"));
    static final Pod KEYCLOAK = new Pod("keycloak", NetworkFlows.NAMESPACE, Map.of("app", "keycloak",
            "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/instance", "keycloak"));

    static Pod database(String cluster) {
        return new Pod(cluster, NetworkFlows.NAMESPACE, Map.of("cnpg.io/cluster", cluster, "cnpg.io/podRole", "instance"));
    }

    private Platform() {
    }
}
