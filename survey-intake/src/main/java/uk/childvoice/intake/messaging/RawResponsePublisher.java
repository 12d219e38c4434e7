package uk.childvoice.intake.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import uk.childvoice.contracts.kafka.EventSerializer;
import uk.childvoice.contracts.kafka.ProducerSettings;
import uk.childvoice.contracts.kafka.SendingThread;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.intake.config.IntakeConfig;

/**
 * Publishes accepted responses to the raw topic and completes only when the broker has acknowledged
 * the write ({@code acks=all}, idempotent producer).
 *
 * <p>A plain producer rather than a messaging emitter, because each HTTP request needs its own
 * acknowledgement and a bounded, explicit failure (503) instead of an emitter buffer. {@code send}
 * may block while it waits for metadata, so it runs on one dedicated thread and never on the event
 * loop; the acknowledgement callback completes the request's {@link Uni}.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RawResponsePublisher {
    private static final Logger LOG = Logger.getLogger(RawResponsePublisher.class);

    private final KafkaProducer<String, RawResponseEvent> producer;
    private final ThreadPoolExecutor sender;
    private final String topic;
    private final long failFastNanos;
    private final Duration ackTimeout;
    private volatile long failingUntil = System.nanoTime();

    public RawResponsePublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, IntakeConfig config) {
        this.topic = config.delivery().topic();
        this.failFastNanos = config.delivery().failFastAfterError().toNanos();
        this.ackTimeout = config.delivery().ackTimeout();
        this.producer = new KafkaProducer<>(producerConfig(kafka, config.delivery().producer()), new StringSerializer(), new EventSerializer.Raw());
        // One thread: send() only appends to the producer's batch, except while metadata is missing.
        this.sender = SendingThread.create("intake-kafka-send", 10_000);
    }

    /** Producer settings ({@link ProducerSettings}): these defaults, the shared {@code kafka.*} keys, this service's overrides. */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, Map<String, String> overrides) {
        // While five requests are in flight the producer batches by itself; linger only delays a lone
        // record, so keep it short. Bigger batches than the 16 KB default: ~10 responses of 1-2 KB fit in one.
        // acks=all and idempotence are not overridable: a 202 means the write is on every in-sync replica, once.
        return ProducerSettings.of(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "survey-intake",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 131_072,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000), kafka, overrides);
    }

    /**
     * Publishes one event keyed by its response id; the {@link Uni} completes after the broker's
     * acknowledgement or fails with {@link BrokerUnavailableException}.
     */
    public Uni<Void> publish(RawResponseEvent event) {
        if (System.nanoTime() - failingUntil < 0) {
            return Uni.createFrom().failure(new BrokerUnavailableException("broker recently unavailable", null));
        }
        ProducerRecord<String, RawResponseEvent> record = new ProducerRecord<>(topic, event.getResponseId(), event);
        return Uni.createFrom().<Void> emitter(emitter -> {
            try {
                sender.execute(() -> {
                    try {
                        producer.send(record, (metadata, error) -> {
                            if (error == null) {
                                emitter.complete(null);
                            } else {
                                failed(error);
                                emitter.fail(new BrokerUnavailableException("not acknowledged", error));
                            }
                        });
                    } catch (RuntimeException e) {
                        failed(e);
                        emitter.fail(new BrokerUnavailableException("send failed", e));
                    }
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new BrokerUnavailableException("send queue full", e));
            }
        }).ifNoItem().after(ackTimeout).failWith(() -> new BrokerUnavailableException("acknowledgement timed out", null));
    }

    private void failed(Throwable error) {
        failingUntil = System.nanoTime() + failFastNanos;
        // The class name only: a Kafka error message never holds the payload, but keep logs to ids and counts.
        LOG.warnf("Raw topic write failed (%s); answering 503 for %d ms", error.getClass().getSimpleName(),
                TimeUnit.NANOSECONDS.toMillis(failFastNanos));
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
