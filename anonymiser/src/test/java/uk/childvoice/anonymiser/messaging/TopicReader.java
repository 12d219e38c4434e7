package uk.childvoice.anonymiser.messaging;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Reads a topic from the beginning in the background, for tests that wait for one record among many. It reads
 * committed records only, as the services downstream do, so a record seen here was committed in its transaction.
 */
final class TopicReader implements AutoCloseable {
    private final ConsumerTask<String, byte[]> task;

    TopicReader(KafkaCompanion companion, String topic) {
        this.task = companion.consume(Serdes.String(), Serdes.ByteArray())
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withIsolationLevel(IsolationLevel.READ_COMMITTED)
                .fromTopics(topic);
    }

    ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> which) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> task.getRecords().stream().filter(which).findFirst().orElse(null), r -> r != null);
    }

    List<ConsumerRecord<String, byte[]>> records() {
        return task.getRecords();
    }

    @Override
    public void close() {
        task.stop();
    }
}
