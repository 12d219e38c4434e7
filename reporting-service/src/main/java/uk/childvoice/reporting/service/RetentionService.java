package uk.childvoice.reporting.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import uk.childvoice.reporting.config.ReportingConfig;
import uk.childvoice.reporting.repository.RetentionRepository;

/**
 * Deletes de-identified records once the retention period after the collection closed has passed,
 * unless an extension is recorded, keeping the cubes equal to the remaining records; purges audit
 * entries past their own retention; records each run as counts.
 */
@ApplicationScoped
public class RetentionService {
    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    /** Outcome of a run that found another instance running retention. */
    public static final String SKIPPED = "skipped: another instance is running retention";

    private final RetentionRepository repository;
    private final CubeIndex cubes;
    private final ReportingConfig.Retention config;
    private final ReportingConfig.Audit auditConfig;
    private final Clock clock = Clock.systemUTC();

    public RetentionService(RetentionRepository repository, CubeIndex cubes, ReportingConfig config) {
        this.repository = repository;
        this.cubes = cubes;
        this.config = config.retention();
        this.auditConfig = config.audit();
    }

    @Scheduled(cron = "${reporting.retention.cron:0 30 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run("schedule").replaceWithVoid();
    }

    /**
     * Runs retention now, unless another replica is running it: then this one skips, logs that it
     * did, and answers a run that deleted nothing and has no id (it is not recorded).
     */
    public Uni<RetentionRepository.Run> run(String triggeredBy) {
        OffsetDateTime requested = OffsetDateTime.now(clock);
        return repository.exclusively(() -> runExclusively(triggeredBy), () -> {
            LOG.info("retention run skipped: another instance holds the retention lock");
            return new RetentionRepository.Run(null, requested, OffsetDateTime.now(clock), triggeredBy, null, 0, 0, SKIPPED);
        });
    }

    private Uni<RetentionRepository.Run> runExclusively(String triggeredBy) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        LocalDate today = started.toLocalDate();
        Uni<Long> auditPurge = repository.purgeAudit(started.minus(auditConfig.retention()));
        if (config.collectionCloses().isEmpty()) {
            return auditPurge.flatMap(audit -> repository.recordRun(new RetentionRepository.Run(null, started,
                    OffsetDateTime.now(clock), triggeredBy, null, 0, audit,
                    "no records expired: reporting.retention.collection-closes is not set")));
        }
        LocalDate expiry = config.collectionCloses().get().plus(config.period());
        if (!today.isAfter(expiry)) {
            return auditPurge.flatMap(audit -> repository.recordRun(new RetentionRepository.Run(null, started,
                    OffsetDateTime.now(clock), triggeredBy, expiry, 0, audit, "no records expired before " + expiry)));
        }
        AtomicLong deleted = new AtomicLong();
        return repository.extendedOn(today).flatMap(extended -> {
            if (extended.contains("*")) {
                return Uni.createFrom().item("retention extended for the whole collection");
            }
            List<String> kept = new ArrayList<>(extended);
            return deleteAll(kept, deleted).replaceWith(extended.isEmpty() ? "expired records deleted"
                    : "expired records deleted; kept under extension: " + String.join(", ", extended));
        }).flatMap(outcome -> auditPurge.flatMap(audit -> repository.recordRun(new RetentionRepository.Run(null, started,
                        OffsetDateTime.now(clock), triggeredBy, expiry, deleted.get(), audit, outcome))))
                .call(cubes::refresh)
                .invoke(run -> LOG.infof("retention run %d: %d records and %d audit entries deleted", run.id(),
                        run.recordsDeleted(), run.auditEntriesDeleted()));
    }

    private Uni<Void> deleteAll(List<String> kept, AtomicLong deleted) {
        return repository.deleteBatch(kept, config.batchSize()).flatMap(n -> {
            deleted.addAndGet(n);
            return n == 0 ? Uni.createFrom().voidItem() : deleteAll(kept, deleted);
        });
    }

    public Uni<Void> extend(String questionnaireId, LocalDate until, String reason, String by) {
        return repository.recordExtension(questionnaireId, until, reason, by);
    }

    static OffsetDateTime utc(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
