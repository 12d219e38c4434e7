package uk.childvoice.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The settings a service's own producer is built with: its defaults, the shared kafka.* keys, its overrides, the guarantees. */
class ProducerSettingsTest {

    @Test
    void noSettingCanWeakenAcksOrIdempotence() {
        Map<String, Object> props = ProducerSettings.of(Map.of(ProducerConfig.ACKS_CONFIG, "1"),
                Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"),
                Map.of(ProducerConfig.ACKS_CONFIG, "0", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "50"));

        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    }

    @Test
    void overridesBeatTheSharedKeysWhichBeatTheDefaults() {
        Map<String, Object> props = ProducerSettings.of(
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.CLIENT_ID_CONFIG, "svc", ProducerConfig.BATCH_SIZE_CONFIG, 1),
                Map.of(ProducerConfig.LINGER_MS_CONFIG, "7", ProducerConfig.BATCH_SIZE_CONFIG, "2"),
                Map.of(ProducerConfig.BATCH_SIZE_CONFIG, "3"));

        assertThat(props).containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "svc")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "7")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "3");
    }

    @Test
    void takesOnlyProducerAndSecurityKeysFromTheSharedConfigurationAndNoSerializerClasses() {
        Map<String, Object> props = ProducerSettings.of(Map.of(),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092", "ssl.truststore.location", "/t.p12",
                        "sasl.mechanism", "SCRAM-SHA-512", "security.protocol", "SASL_SSL", "group.id", "a-consumer-group",
                        "auto.offset.reset", "earliest", ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "x.Y"),
                Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "x.Z"));

        assertThat(props).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry("ssl.truststore.location", "/t.p12")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKeys("group.id", "auto.offset.reset", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    }
}
