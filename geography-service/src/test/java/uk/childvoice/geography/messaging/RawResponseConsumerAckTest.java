package uk.childvoice.geography.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.v1.LocatedResponseEvent;
import uk.childvoice.contracts.v1.RawResponseEvent;
import uk.childvoice.geography.service.GeographyDirectory;
import uk.childvoice.geography.service.PostcodeLookupService;
import uk.childvoice.geography.service.ResponseLocator;
import uk.childvoice.geography.support.RawEvents;
import uk.childvoice.geography.support.TestConfig;

/** At-least-once, unit level: the raw record is acknowledged only when its located record is. */
class RawResponseConsumerAckTest {
    private static GeographyDirectory directory;
    private SimpleMeterRegistry registry;

    @BeforeAll
    static void directory() {
        directory = new GeographyDirectory(TestConfig.bundled());
        directory.loadAtStart();
    }

    private RawResponseConsumer consumer() {
        registry = new SimpleMeterRegistry();
        ResponseLocator locator = new ResponseLocator(TestConfig.bundled(), new PostcodeLookupService(directory, registry),
                directory);
        return new RawResponseConsumer(locator, registry);
    }

    @Test
    void rawRecordIsAcknowledgedOnlyAfterTheLocatedRecordIs() {
        // given a raw record that records its acknowledgement
        RawResponseEvent raw = RawEvents.withPostcode("SM3 8JD");
        AtomicInteger acks = new AtomicInteger();
        AtomicReference<Throwable> nack = new AtomicReference<>();
        Message<byte[]> in = message(EventCodec.RAW.encode(raw), acks, nack);
        RawResponseConsumer consumer = consumer();

        // when it is located
        List<Message<LocatedResponseEvent>> out = consumer.locate(Multi.createFrom().item(in)).collect().asList()
                .await().indefinitely();

        // then one located record keyed by the response id is waiting, and the raw one is not yet acknowledged
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .isEqualTo(raw.getResponseId());
        assertThat(acks.get()).isZero();
        assertThat(registry.counter("survey.responses.located").count()).isZero();

        // when Kafka acknowledges the located record, then the raw one is acknowledged and counted
        out.get(0).ack().toCompletableFuture().join();
        assertThat(acks.get()).isEqualTo(1);
        assertThat(nack.get()).isNull();
        assertThat(registry.counter("survey.responses.located").count()).isEqualTo(1);
    }

    @Test
    void failedLocatedWriteDeadLettersTheRawRecord() {
        AtomicInteger acks = new AtomicInteger();
        AtomicReference<Throwable> nack = new AtomicReference<>();
        Message<byte[]> in = message(EventCodec.RAW.encode(RawEvents.withPostcode("SM3 8JD")), acks, nack);
        RawResponseConsumer consumer = consumer();

        Message<LocatedResponseEvent> out = consumer.locate(Multi.createFrom().item(in)).collect().first()
                .await().indefinitely();
        out.nack(new org.apache.kafka.common.errors.TimeoutException("broker gone")).toCompletableFuture().join();

        assertThat(acks.get()).isZero();
        assertThat(nack.get()).isInstanceOf(DeadLetterReason.class)
                .hasMessage("located record not written: TimeoutException");
        assertThat(registry.counter("survey.responses.dead.lettered", "stage", "geography").count()).isEqualTo(1);
        assertThat(registry.counter("survey.responses.located").count()).isZero();
    }

    @Test
    void poisonRecordIsNackedAndNothingIsSent() {
        AtomicInteger acks = new AtomicInteger();
        AtomicReference<Throwable> nack = new AtomicReference<>();
        Message<byte[]> in = message("SM3 8JD".getBytes(StandardCharsets.UTF_8), acks, nack);
        RawResponseConsumer consumer = consumer();

        List<Message<LocatedResponseEvent>> out = consumer.locate(Multi.createFrom().item(in)).collect().asList()
                .await().indefinitely();

        assertThat(out).isEmpty();
        assertThat(nack.get()).hasMessage("not an Avro single-object message (bad header)");
        assertThat(registry.counter("survey.responses.dead.lettered", "stage", "geography").count()).isEqualTo(1);
    }

    private static Message<byte[]> message(byte[] payload, AtomicInteger acks, AtomicReference<Throwable> nack) {
        return Message.of(payload, () -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            nack.set(failure);
            return CompletableFuture.completedFuture(null);
        });
    }
}
