package uk.childvoice.geography.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import uk.childvoice.contracts.kafka.EventSerializer;
import uk.childvoice.contracts.kafka.ProducerSettings;
import uk.childvoice.contracts.kafka.SendingThread;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.geography.config.GeographyConfig;

/**
 * Writes a batch of located records to the located topic ({@code acks=all}, idempotent producer) and
 * reports, record by record, whether Kafka acknowledged it.
 *
 * <p>Why a producer of its own rather than an {@code @Outgoing} channel or an emitter: a JFR profile of a
 * 150,000-response replay put 15% of the service's CPU in locating and about 45% in the messaging
 * machinery paid per record on the way out (a message through the mediator's stream and the sink's,
 * context propagation, a hop to the sending thread, per-message acknowledgement). An emitter fed from a
 * batch still paid it per record, and measured no better. Here a whole batch is one hand-off to one
 * sending thread, which appends every record to the producer's buffers. {@code send} can block while it
 * waits for metadata or buffer space, so it never runs on the event loop.
 */
@ApplicationScoped
public class LocatedResponsePublisher {
    private final Producer<String, LocatedResponseEvent> producer;
    private final String topic;
    private final ThreadPoolExecutor sender;

    @Inject
    public LocatedResponsePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, GeographyConfig config) {
        this(new KafkaProducer<>(producerConfig(kafka, config.delivery().producer()), new StringSerializer(),
                new EventSerializer.Located()), config.delivery().topic());
    }

    /** Writes through the given producer (a unit test's {@code MockProducer}). */
    LocatedResponsePublisher(Producer<String, LocatedResponseEvent> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
        // Batches are consumed one after another, so one is queued at most; a few more leave room.
        this.sender = SendingThread.create("geography-kafka-send", 16);
    }

    /** Producer settings ({@link ProducerSettings}): these defaults, the shared {@code kafka.*} keys, this service's overrides. */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, Map<String, String> overrides) {
        // Up to 128 KiB a partition per produce request, held up to 10 ms (Kafka's defaults are 16 KiB and 5 ms),
        // as intake and the anonymiser batch: fewer, fuller produce requests for the broker (0.129 a response
        // across all producers in a 150,000-response replay, against 0.138-0.150).
        return ProducerSettings.of(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "geography-service",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 131_072), kafka, overrides);
    }

    /**
     * Sends the events (key: response id, value encoded by {@link EventSerializer.Located} on the sending
     * thread) in order and completes once Kafka has settled every one, with each event's failure at its
     * index, or null where Kafka acknowledged it. Never fails itself: a send that could not even start (the
     * sending queue full, the producer closed, the event not encodable) is that event's failure.
     */
    public Uni<Throwable[]> sendAll(List<LocatedResponseEvent> events) {
        int n = events.size();
        Throwable[] failures = new Throwable[n];
        if (n == 0) {
            return Uni.createFrom().item(failures);
        }
        CompletableFuture<Throwable[]> settled = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(n);
        try {
            sender.execute(() -> {
                for (int i = 0; i < n; i++) {
                    int at = i;
                    try {
                        LocatedResponseEvent event = events.get(i);
                        producer.send(new ProducerRecord<>(topic, event.getResponseId(), event),
                                (metadata, error) -> settle(failures, at, error, pending, settled));
                    } catch (RuntimeException e) {
                        settle(failures, at, e, pending, settled);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            for (int i = 0; i < n; i++) {
                settle(failures, i, e, pending, settled);
            }
        }
        return Uni.createFrom().completionStage(settled);
    }

    /** Records one outcome; the last one completes the batch (the counter orders the writes before it). */
    private static void settle(Throwable[] failures, int at, Throwable error, AtomicInteger pending,
            CompletableFuture<Throwable[]> settled) {
        failures[at] = error;
        if (pending.decrementAndGet() == 0) {
            settled.complete(failures);
        }
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
