package uk.childvoice.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rendered NetworkPolicies (plus the ingress policies Strimzi generates from the Kafka listeners'
 * networkPolicyPeers) the way Kubernetes does, to answer "may pod A open a connection to pod B on port P?".
 * Only matchLabels selectors are understood; anything else is reported as unsupported rather than guessed.
 */
public final class NetworkFlows {

    /** A pod, or a stand-in for one: its namespace and labels. */
    public record Pod(String name, String namespace, Map<String, String> labels) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final String NAMESPACE = "childvoice";

    private final List<K8sObject> policies = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();

    public NetworkFlows(List<K8sObject> objects) {
        for (K8sObject object : objects) {
            if (object.kind().equals("NetworkPolicy")) {
                policies.add(object);
            } else if (object.kind().equals("Kafka")) {
                policies.add(strimziListenerPolicy(object));
            }
        }
    }

    /** The ingress policy Strimzi's cluster operator generates for the brokers from each listener's peers. */
    private static K8sObject strimziListenerPolicy(K8sObject kafka) {
        List<Object> rules = new ArrayList<>();
        for (Object l : K8sObject.list(kafka.at("spec", "kafka", "listeners"))) {
            Map<String, Object> listener = K8sObject.map(l);
            Map<String, Object> rule = new HashMap<>();
            rule.put("ports", List.of(Map.of("protocol", "TCP", "port", listener.get("port"))));
            List<Object> peers = K8sObject.list(listener.get("networkPolicyPeers"));
            if (!peers.isEmpty()) {
                rule.put("from", peers);
            }
            rules.add(rule);
        }
        Map<String, Object> spec = Map.of("podSelector", Map.of("matchLabels", brokerLabels(kafka.name())),
                "policyTypes", List.of("Ingress"), "ingress", rules);
        return new K8sObject(Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                "metadata", Map.of("name", "strimzi-" + kafka.name() + "-listeners"), "spec", spec));
    }

    /** The labels Strimzi puts on broker pods. */
    public static Map<String, String> brokerLabels(String cluster) {
        return Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka", "strimzi.io/name", cluster + "-kafka");
    }

    /** Selectors this evaluator could not understand; a test asserts this stays empty. */
    public List<String> unsupported() {
        return List.copyOf(unsupported);
    }

    public boolean allowed(Pod from, Pod to, int port) {
        boolean egressOk = !from.namespace().equals(NAMESPACE) || permits(from, "Egress", "egress", "to", to, port);
        boolean ingressOk = !to.namespace().equals(NAMESPACE) || permits(to, "Ingress", "ingress", "from", from, port);
        return egressOk && ingressOk;
    }

    /** Is the subject isolated in this direction, and if so does some rule admit the peer on the port? */
    private boolean permits(Pod subject, String type, String rulesField, String peersField, Pod peer, int port) {
        boolean isolated = false;
        for (K8sObject policy : policies) {
            Map<String, Object> spec = K8sObject.map(policy.raw().get("spec"));
            if (!selects(K8sObject.map(spec.get("podSelector")), subject.labels(), policy)
                    || !K8sObject.list(spec.get("policyTypes")).contains(type)) {
                continue;
            }
            isolated = true;
            for (Object r : K8sObject.list(spec.get(rulesField))) {
                Map<String, Object> rule = K8sObject.map(r);
                if (portMatches(K8sObject.list(rule.get("ports")), port)
                        && peerMatches(rule.get(peersField), peer, policy)) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private boolean peerMatches(Object peers, Pod peer, K8sObject policy) {
        if (peers == null) {
            return true;
        }
        for (Object p : K8sObject.list(peers)) {
            Map<String, Object> selector = K8sObject.map(p);
            if (selector.containsKey("ipBlock")) {
                // An ipBlock matches addresses outside the cluster's pods; in-cluster peers are matched by selectors.
                if (peer.namespace().equals("outside")) {
                    return true;
                }
                continue;
            }
            boolean namespaceOk = selector.containsKey("namespaceSelector")
                    ? selects(K8sObject.map(selector.get("namespaceSelector")),
                            Map.of("kubernetes.io/metadata.name", peer.namespace()), policy)
                    : peer.namespace().equals(NAMESPACE);
            boolean podOk = !selector.containsKey("podSelector")
                    || selects(K8sObject.map(selector.get("podSelector")), peer.labels(), policy);
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private boolean selects(Map<String, Object> selector, Map<String, String> labels, K8sObject policy) {
        if (selector.containsKey("matchExpressions")) {
            unsupported.add(policy + ": matchExpressions");
            return false;
        }
        for (Map.Entry<String, Object> wanted : K8sObject.map(selector.get("matchLabels")).entrySet()) {
            if (!String.valueOf(wanted.getValue()).equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean portMatches(List<Object> ports, int port) {
        if (ports.isEmpty()) {
            return true;
        }
        return ports.stream().map(K8sObject::map)
                .anyMatch(p -> !p.containsKey("port") || String.valueOf(p.get("port")).equals(String.valueOf(port)));
    }
}
