package uk.childvoice.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The platform's own rules for its manifests, each returning the violations it finds (empty when the rule holds):
 * pinned-down pods, retention on every topic, least-privilege Kafka users, no plaintext secrets.
 */
public final class PlatformPolicy {

    /** Topics that carry identifying data (encrypted): retention must be hours (privacy invariant 6). */
    static final Set<String> HOURS_ONLY_TOPICS = Set.of("survey.response.raw.v1", "survey.response.located.v1",
            "survey.response.raw.v1.dlq.geography-service", "survey.response.located.v1.dlq.anonymiser");
    static final long MAX_HOURS_RETENTION_MS = 48L * 3600 * 1000;

    /** Environment variable names that must come from a Secret, never a literal value. */
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|KEYRING|JAAS|TOKEN|PRIVATE|CREDENTIAL).*");

    private PlatformPolicy() {
    }

    /**
     * Every container of every Deployment: probes (main containers), CPU and memory limits, non-root, read-only root,
     * and the rest of the restricted Pod Security Standard (no privilege escalation, no capabilities, seccomp).
     */
    public static List<String> deploymentsArePinnedDown(List<K8sObject> objects) {
        List<String> violations = new ArrayList<>();
        for (K8sObject deployment : ofKind(objects, "Deployment")) {
            Map<String, Object> pod = K8sObject.map(deployment.at("spec", "template", "spec"));
            Map<String, Object> podSecurity = K8sObject.map(pod.get("securityContext"));
            for (String containerList : List.of("containers", "initContainers")) {
                for (Object c : K8sObject.list(pod.get(containerList))) {
                    Map<String, Object> container = K8sObject.map(c);
                    String where = deployment + " container " + container.get("name");
                    if (containerList.equals("containers")) {
                        for (String probe : List.of("livenessProbe", "readinessProbe")) {
                            if (!container.containsKey(probe)) {
                                violations.add(where + ": no " + probe);
                            }
                        }
                    }
                    Map<String, Object> limits = K8sObject.map(K8sObject.map(container.get("resources")).get("limits"));
                    for (String resource : List.of("cpu", "memory")) {
                        if (!limits.containsKey(resource)) {
                            violations.add(where + ": no " + resource + " limit");
                        }
                    }
                    Map<String, Object> security = K8sObject.map(container.get("securityContext"));
                    Object nonRoot = security.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot"));
                    Object user = security.getOrDefault("runAsUser", podSecurity.get("runAsUser"));
                    if (!Boolean.TRUE.equals(nonRoot) || (user instanceof Number n && n.longValue() == 0)) {
                        violations.add(where + ": may run as root (runAsNonRoot must be true, runAsUser not 0)");
                    }
                    if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
                        violations.add(where + ": root filesystem is writable (readOnlyRootFilesystem must be true)");
                    }
                    if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
                        violations.add(where + ": allowPrivilegeEscalation must be false");
                    }
                    if (!K8sObject.list(K8sObject.map(security.get("capabilities")).get("drop")).contains("ALL")) {
                        violations.add(where + ": capabilities must drop ALL");
                    }
                    Object seccomp = new K8sObject(security).at("seccompProfile", "type");
                    if (seccomp == null) {
                        seccomp = new K8sObject(podSecurity).at("seccompProfile", "type");
                    }
                    if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                        violations.add(where + ": no RuntimeDefault seccomp profile");
                    }
                }
            }
        }
        return violations;
    }

    /** Every KafkaTopic has a positive retention.ms; topics with identifying data keep it for hours only. */
    public static List<String> topicsHaveRetention(List<K8sObject> objects) {
        List<String> violations = new ArrayList<>();
        for (K8sObject topic : ofKind(objects, "KafkaTopic")) {
            String topicName = String.valueOf(topic.at("spec", "topicName"));
            Object retention = topic.at("spec", "config", "retention.ms");
            if (!(retention instanceof Number ms) || ms.longValue() <= 0) {
                violations.add(topic + " (" + topicName + "): no positive retention.ms (" + retention + ")");
                continue;
            }
            if (HOURS_ONLY_TOPICS.contains(topicName) && ms.longValue() > MAX_HOURS_RETENTION_MS) {
                violations.add(topic + " (" + topicName + "): retention " + ms + " ms is more than 48 hours");
            }
        }
        return violations;
    }

    /** Every topic setting Kafka knows: the *_CONFIG constants of Kafka's own TopicConfig. */
    static Set<String> knownTopicSettings() {
        Set<String> known = new TreeSet<>();
        for (java.lang.reflect.Field field : org.apache.kafka.common.config.TopicConfig.class.getFields()) {
            if (field.getName().endsWith("_CONFIG") && field.getType() == String.class) {
                try {
                    known.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return known;
    }

    /** The CRD lets any key through spec.config (it preserves unknown fields): check each against Kafka's list. */
    public static List<String> topicSettingsAreKnownToKafka(List<K8sObject> objects) {
        Set<String> known = knownTopicSettings();
        List<String> violations = new ArrayList<>();
        for (K8sObject topic : ofKind(objects, "KafkaTopic")) {
            for (String key : K8sObject.map(topic.at("spec", "config")).keySet()) {
                if (!known.contains(key)) {
                    violations.add(topic + ": " + key + " is not a Kafka topic setting");
                }
            }
        }
        return violations;
    }

    /** One ACL as "type:name:Operation", e.g. "topic:survey.response.raw.v1:Read". */
    public static Set<String> acls(K8sObject kafkaUser) {
        Set<String> acls = new TreeSet<>();
        for (Object a : K8sObject.list(kafkaUser.at("spec", "authorization", "acls"))) {
            Map<String, Object> acl = K8sObject.map(a);
            Map<String, Object> resource = K8sObject.map(acl.get("resource"));
            String pattern = String.valueOf(resource.getOrDefault("patternType", "literal"));
            String prefix = (pattern.equals("literal") ? "" : pattern + " ")
                    + ("deny".equals(acl.get("type")) ? "deny " : "");
            for (Object operation : K8sObject.list(acl.get("operations"))) {
                acls.add(prefix + resource.get("type") + ":" + resource.getOrDefault("name", "") + ":" + operation);
            }
        }
        return acls;
    }

    /**
     * Every ServiceAccount has a KafkaUser of the same name whose ACLs are exactly the expected ones, every other
     * KafkaUser is an expected outside client, and every Deployment uses its own ServiceAccount's Kafka credentials.
     */
    public static List<String> kafkaUsersAreLeastPrivilege(List<K8sObject> objects, Map<String, Set<String>> expected) {
        List<String> violations = new ArrayList<>();
        Map<String, K8sObject> users = new java.util.TreeMap<>();
        ofKind(objects, "KafkaUser").forEach(u -> users.put(u.name(), u));
        for (K8sObject account : ofKind(objects, "ServiceAccount")) {
            if (!users.containsKey(account.name())) {
                violations.add(account + ": no KafkaUser named " + account.name());
            }
        }
        for (K8sObject user : users.values()) {
            Set<String> wanted = expected.get(user.name());
            Set<String> actual = acls(user);
            if (wanted == null) {
                violations.add(user + ": not an expected Kafka client");
            } else if (!actual.equals(wanted)) {
                Set<String> extra = new TreeSet<>(actual);
                extra.removeAll(wanted);
                Set<String> missing = new TreeSet<>(wanted);
                missing.removeAll(actual);
                violations.add(user + ": ACLs differ from the least-privilege set; extra " + extra + ", missing " + missing);
            }
            for (String acl : actual) {
                // A prefix is broad, except on the service's own transactional ids ("<user>-<uuid per process>"):
                // replicas need distinct ids, and no other client can use that namespace.
                boolean ownTransactionalIds = acl.startsWith("prefix transactionalId:" + user.name() + "-:");
                if (acl.contains(":*:") || acl.endsWith(":All") || (acl.startsWith("prefix") && !ownTransactionalIds)) {
                    violations.add(user + ": broad ACL " + acl);
                }
            }
        }
        for (K8sObject deployment : ofKind(objects, "Deployment")) {
            Object account = deployment.at("spec", "template", "spec", "serviceAccountName");
            for (Object c : K8sObject.list(deployment.at("spec", "template", "spec", "containers"))) {
                for (Object e : K8sObject.list(K8sObject.map(c).get("env"))) {
                    Map<String, Object> env = K8sObject.map(e);
                    Object secret = new K8sObject(env).at("valueFrom", "secretKeyRef", "name");
                    if ("KAFKA_SASL_JAAS_CONFIG".equals(env.get("name")) && !String.valueOf(account).equals(secret)) {
                        violations.add(deployment + ": uses Kafka credentials " + secret + " but runs as " + account);
                    }
                }
            }
        }
        return violations;
    }

    /** Who may read what: the privacy invariants behind the ACL table, checked on their own. */
    public static List<String> onlyTheRightServiceReadsEachTopic(List<K8sObject> objects) {
        Map<String, String> onlyReader = Map.of("survey.response.raw.v1", "geography-service",
                "survey.response.located.v1", "anonymiser", "survey.response.deidentified.v1", "reporting-service");
        Set<String> platformAccounts = new TreeSet<>();
        ofKind(objects, "ServiceAccount").forEach(a -> platformAccounts.add(a.name()));
        List<String> violations = new ArrayList<>();
        for (K8sObject user : ofKind(objects, "KafkaUser")) {
            for (String acl : acls(user)) {
                String[] parts = acl.split(":");
                if (parts.length != 3 || !parts[0].equals("topic") || !parts[2].equals("Read")) {
                    continue;
                }
                String reader = onlyReader.get(parts[1]);
                if (reader != null && !reader.equals(user.name())) {
                    violations.add(user + " reads " + parts[1] + ": only " + reader + " may");
                }
                if (parts[1].equals("survey.safeguarding.flag.v1") && platformAccounts.contains(user.name())) {
                    violations.add(user + " reads the safeguarding flags: no platform service may");
                }
            }
        }
        return violations;
    }

    /** No Secret with data in the repository, and no secret-looking variable or ConfigMap key with a literal value. */
    public static List<String> noPlaintextSecrets(List<K8sObject> objects) {
        List<String> violations = new ArrayList<>();
        for (K8sObject secret : ofKind(objects, "Secret")) {
            for (String field : List.of("data", "stringData")) {
                if (!K8sObject.map(secret.raw().get(field)).isEmpty()) {
                    violations.add(secret + ": carries " + field + " (secrets are created outside the repository)");
                }
            }
        }
        for (K8sObject configMap : ofKind(objects, "ConfigMap")) {
            for (String key : K8sObject.map(configMap.raw().get("data")).keySet()) {
                if (SECRET_NAME.matcher(key).matches()) {
                    violations.add(configMap + ": key " + key + " looks secret; use a Secret reference");
                }
            }
        }
        for (K8sObject deployment : ofKind(objects, "Deployment")) {
            Map<String, Object> pod = K8sObject.map(deployment.at("spec", "template", "spec"));
            for (String containerList : List.of("containers", "initContainers")) {
                for (Object c : K8sObject.list(pod.get(containerList))) {
                    for (Object e : K8sObject.list(K8sObject.map(c).get("env"))) {
                        Map<String, Object> env = K8sObject.map(e);
                        String name = String.valueOf(env.get("name"));
                        if (SECRET_NAME.matcher(name).matches() && env.containsKey("value")) {
                            violations.add(deployment + ": " + name + " has a literal value; take it from a Secret");
                        }
                    }
                }
            }
        }
        return violations;
    }

    static List<K8sObject> ofKind(List<K8sObject> objects, String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }
}
