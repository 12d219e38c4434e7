package uk.childvoice.reporting.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.contracts.codec.EventCodec;
import uk.childvoice.contracts.codec.EventDecodingException;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.mapping.InvalidRecordException;
import uk.childvoice.reporting.mapping.RecordMapper;
import uk.childvoice.reporting.repository.RecordRepository;
import uk.childvoice.reporting.repository.ResponseRecord;

/**
 * Consumes survey.response.deidentified.v1 in batches: decodes each record, stores the new ones in one
 * transaction, then acknowledges the batch. An undecodable or invalid record is
 * nacked alone and reaches the dead-letter topic with its reason (never its payload). The in-memory
 * cubes pick the stored records up on their own schedule ({@link uk.childvoice.reporting.service.CubeIndex}).
 */
@ApplicationScoped
public class DeidentifiedResponseConsumer {
    private static final Logger LOG = Logger.getLogger(DeidentifiedResponseConsumer.class);
    static final String STAGE = "reporting-service";

    private final RecordRepository records;
    private final int keySpace;
    private final Counter stored;
    private final Counter deadLettered;

    public DeidentifiedResponseConsumer(RecordRepository records, ReportingConfig config, MeterRegistry registry) {
        this.records = records;
        this.keySpace = config.disclosure().keySpace();
        this.stored = Counter.builder("survey.responses.stored")
                .description("De-identified responses stored for the first time").register(registry);
        this.deadLettered = Counter.builder("survey.responses.dead.lettered").tag("stage", STAGE)
                .description("Responses sent to a dead-letter topic").register(registry);
    }

    @Incoming("deidentified-in")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> good = new ArrayList<>();
        List<ResponseRecord> mapped = new ArrayList<>();
        List<Uni<Void>> rejections = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                mapped.add(RecordMapper.map(EventCodec.DEIDENTIFIED.decode(record.getPayload()), keySpace));
                good.add(record);
            } catch (EventDecodingException | InvalidRecordException e) {
                rejections.add(reject(record, e.getMessage()));
            }
        }
        Uni<Void> rejected = rejections.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(rejections).andFailFast().replaceWithVoid();
        if (mapped.isEmpty()) {
            return rejected.flatMap(ignored -> ack(batch));
        }
        return rejected.flatMap(ignored -> records.storeNew(mapped)
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5))
                .flatMap(fresh -> {
                    stored.increment(fresh.size());
                    LOG.debugf("stored %d of %d records in batch", fresh.size(), mapped.size());
                    return ack(batch);
                })
                .onFailure().recoverWithUni(failure -> storeOneByOne(batch, good, mapped));
    }

    /**
     * Acknowledges the batch as a whole, never its records one by one. In batch mode the connector's
     * commit handler registers only each partition's last record as received; every other record acked
     * on its own stayed in the handler's set of processed offsets for ever (one boxed offset per record:
     * about 35 MB over the Big Ask replay, and unbounded over a collection).
     */
    private static Uni<Void> ack(KafkaRecordBatch<String, byte[]> batch) {
        return Uni.createFrom().completionStage(batch.ack());
    }

    /** After repeated batch failures, isolates the records: those that still fail are dead-lettered. */
    private Uni<Void> storeOneByOne(KafkaRecordBatch<String, byte[]> batch, List<KafkaRecord<String, byte[]>> good,
            List<ResponseRecord> mapped) {
        LOG.warnf("batch of %d records could not be stored; retrying one by one", mapped.size());
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            indexes.add(i);
        }
        return Multi.createFrom().iterable(indexes)
                .onItem().transformToUniAndConcatenate(i -> records.storeNew(List.of(mapped.get(i)))
                        .invoke(fresh -> stored.increment(fresh.size()))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(e -> reject(good.get(i), "storage failed: " + e.getClass().getSimpleName())))
                .collect().last()
                .flatMap(ignored -> ack(batch));
    }

    private Uni<Void> reject(KafkaRecord<String, byte[]> record, String reason) {
        deadLettered.increment();
        long offset = record instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1;
        LOG.warnf("dead-lettering record at %s-%d offset %d: %s", record.getTopic(), record.getPartition(), offset, reason);
        return Uni.createFrom().completionStage(record.nack(new RejectedRecordException(reason)));
    }

    /** The reason a record was dead-lettered; carries no payload. */
    static final class RejectedRecordException extends RuntimeException {
        RejectedRecordException(String reason) {
            super(reason, null, false, false);
        }
    }
}
