package uk.childvoice.contracts.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of a service's own Kafka producer (one it creates itself rather than through a messaging
 * channel): its defaults, then the shared {@code kafka.*} keys that are producer settings (bootstrap
 * servers, TLS, SASL), then its own overrides, and last the guarantees every producer of an event topic
 * relies on, which no setting can change: {@code acks=all} and idempotence, so that a write is
 * acknowledged once it is on every in-sync replica, and a retried send is written once.
 */
public final class ProducerSettings {
    private ProducerSettings() {
    }

    /**
     * @param defaults  the service's defaults (client id, batching, timeouts)
     * @param kafka     the shared {@code kafka.*} configuration (Quarkus' {@code default-kafka-broker})
     * @param overrides the service's own producer settings, applied last before the guarantees
     */
    public static Map<String, Object> of(Map<String, Object> defaults, Map<String, Object> kafka, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(defaults);
        kafka.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k) || k.startsWith("ssl.") || k.startsWith("sasl.") || k.equals("security.protocol")) {
                props.put(k, v);
            }
        });
        props.putAll(overrides);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // The serializers are objects the service passes to the producer, not class names.
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return props;
    }
}
