package uk.childvoice.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real KRaft Kafka broker on 127.0.0.1 for {@code @QuarkusTest}s; sets {@code kafka.bootstrap.servers}. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    /** The shared broker's address, starting it if needed. */
    public static String bootstrapServers() {
        return SharedServers.kafka().bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM exits.
    }
}
