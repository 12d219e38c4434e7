package uk.childvoice.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import uk.childvoice.benchmark.generator.ResponseGenerator;
import uk.childvoice.benchmark.generator.SyntheticResponse;
import uk.childvoice.benchmark.load.LoadDriver;
import uk.childvoice.benchmark.load.LoadResult;
import uk.childvoice.benchmark.load.PreparedRequest;
import uk.childvoice.benchmark.platform.BrokerRequests;
import uk.childvoice.benchmark.platform.CpuUsage;
import uk.childvoice.benchmark.platform.HotMethods;
import uk.childvoice.benchmark.platform.IntakeSteps;
import uk.childvoice.benchmark.platform.PlatformProbe;
import uk.childvoice.benchmark.platform.ProcessMemory;
import uk.childvoice.benchmark.platform.ReportingDatabase;
import uk.childvoice.benchmark.platform.StageCounts;
import uk.childvoice.benchmark.platform.UnfoldedRecords;
import uk.childvoice.launcher.LauncherSettings;
import uk.childvoice.launcher.Platform;
import uk.childvoice.launcher.PlatformOptions;
import uk.childvoice.launcher.PostgresServer;
import uk.childvoice.launcher.ServiceProcess;

/**
 * The project's benchmark: starts the whole platform on 127.0.0.1, measures (a) intake alone against
 * a no-op endpoint on the same HTTP stack, and (b) an end-to-end replay of a Big-Ask-sized survey into
 * PostgreSQL, then prints the reconciliation ledger, the duplicate check and each service's memory.
 */
public final class Benchmark {
    /** The no-op endpoint survey-intake serves when started with {@code intake.benchmark.noop-enabled=true}. */
    static final String NOOP_PATH = "/api/v1/benchmark/noop";
    /** The stream consumers, paused while intake is measured alone. */
    static final List<String> CONSUMERS = List.of(Platform.GEOGRAPHY, Platform.ANONYMISER, Platform.REPORTING);

    /** Time bound of each warm-up run: a cold intake starts at a few hundred responses a second. */
    private static final Duration WARMUP_LIMIT = Duration.ofSeconds(180);
    private static final int WARMUP_STREAM = 0;
    private static final int INTAKE_STREAM = 1;
    private static final int REPLAY_STREAM = 2;

    private final BenchmarkOptions options;
    private final List<String> report = new ArrayList<>();

    private Benchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (BenchmarkOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        new Benchmark(options).run();
    }

    private void run() throws Exception {
        Path root = LauncherSettings.repositoryRoot();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path workDir = options.workDir != null ? options.workDir : root.resolve("benchmark/target/runs/" + stamp);
        log("machine: " + Machine.describe());
        log("loading the questionnaire definitions and the NSPL postcode sample from " + root);
        ResponseGenerator generator = ResponseGenerator.fromRepository(root, options.seed);

        List<String> jvm = new ArrayList<>(options.serviceJvmOptions);
        Path jfrDir = workDir.resolve("jfr");
        if (options.flightRecorder) {
            Files.createDirectories(jfrDir);
            // A directory as file name: each JVM writes hotspot-pid-<pid>-….jfr there when it stops.
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrDir);
        }
        PlatformOptions platformOptions = PlatformOptions.randomPorts(workDir).partitions(options.partitions)
                .serviceJvmOptions(jvm)
                // The per-questionnaire flood guard (500/s by default) is an ops setting sized for one
                // replica in production; the benchmark measures the service, not the guard.
                .property(Platform.INTAKE, "intake.rate-limit.per-questionnaire-per-second", "1000000")
                .property(Platform.INTAKE, "intake.rate-limit.per-questionnaire-burst", "1000000");
        if (options.noopBaseline) {
            platformOptions.property(Platform.INTAKE, "intake.benchmark.noop-enabled", "true");
        }
        if (options.solveProofOfWork) {
            platformOptions.property(Platform.INTAKE, "intake.proof-of-work.max-number", Long.toString(options.proofOfWorkMaxNumber));
        } else {
            platformOptions.property(Platform.INTAKE, "intake.proof-of-work.enabled", "false");
        }
        for (String[] p : options.properties) {
            platformOptions.property(p[0], p[1], p[2]);
        }

        log("starting the platform in " + workDir + " (Kafka, PostgreSQL, Keycloak, four services)");
        Instant begin = Instant.now();
        Platform started;
        try {
            started = Platform.start(platformOptions, msg -> log("[platform] " + msg));
        } catch (IllegalStateException e) {
            explainNoopRefusal(workDir);
            throw e;
        }
        Map<Long, String> servicePids = new LinkedHashMap<>();
        started.services().values().forEach(p -> servicePids.put(p.pid(), p.name()));
        try (Platform platform = started) {
            log("platform up in " + Duration.between(begin, Instant.now()).toSeconds() + " s");
            ServiceProcess intake = platform.service(Platform.INTAKE);
            PlatformProbe probe = new PlatformProbe(baseUrls(platform), Platform.INTAKE, Platform.GEOGRAPHY,
                    Platform.ANONYMISER, Platform.REPORTING);
            try (LoadDriver driver = new LoadDriver(URI.create(intake.baseUrl()), options.driverThreads, options.concurrency)) {
                boolean pause = options.runIntake && options.pauseConsumersForIntake;
                if (pause) {
                    // "Intake alone": on two cores the consumers would otherwise take about half the CPU while
                    // (a) runs. Paused before the warm-up, so each restarted service's counters cover every response.
                    log("pausing " + CONSUMERS + " for the warm-up and (a); they catch up before (b)");
                    CONSUMERS.forEach(platform::pause);
                }
                warmUp(driver, generator);
                if (options.runIntake) {
                    intakeAlone(driver, generator, probe, () -> cpuGroups(platform));
                }
                if (pause) {
                    log("resuming " + CONSUMERS);
                    CONSUMERS.forEach(platform::resume);
                    CONSUMERS.forEach(name -> servicePids.put(platform.service(name).pid(), name));
                }
                if (options.runReplay) {
                    drain(probe, "before the replay");
                    replay(driver, generator, probe, () -> cpuGroups(platform), () -> ReportingDatabase.unfolded(platform.postgres().jdbcUrl("reporting"),
                            platform.postgres().username(), platform.postgres().password()));
                }
            }
            drain(probe, "before the final ledger");
            ledger(platform, probe);
            memory(platform);
        }
        if (options.flightRecorder) {
            profiles(jfrDir, servicePids);
        }
        writeReport(workDir);
    }

    /** Where each service spent its CPU, from the recordings the services wrote when they stopped. */
    private void profiles(Path jfrDir, Map<Long, String> servicePids) throws IOException {
        section("where the CPU went (Java Flight Recorder execution samples, recordings in " + jfrDir + ")");
        try (Stream<Path> files = Files.list(jfrDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String service = servicePids.entrySet().stream().filter(e -> name.contains("-pid-" + e.getKey() + "-"))
                        .map(Map.Entry::getValue).findFirst().orElse(name);
                HotMethods.Profile p = HotMethods.of(file, 8);
                report(String.format("  %s: %,d samples", service, p.samples()));
                report("    top of stack:      " + percentages(p.selfTop(), p.samples()));
                report("    by package:        " + percentages(p.packageTop(), p.samples()));
                report("    first own frame:   " + percentages(p.ownCodeTop(), p.samples()));
            }
        }
    }

    private static String percentages(Map<String, Long> counts, long total) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(String.format("%s %.0f%%", k, total == 0 ? 0.0 : 100.0 * v / total)));
        return String.join(", ", parts);
    }

    /** An intake without the no-op endpoint refuses the unknown key at start: say what to do. */
    private void explainNoopRefusal(Path workDir) {
        Path log = workDir.resolve("logs").resolve(Platform.INTAKE + ".log");
        try {
            if (options.noopBaseline && Files.exists(log) && Files.readString(log).contains("intake.benchmark.noop-enabled")) {
                System.err.println("survey-intake does not know intake.benchmark.noop-enabled (no no-op endpoint in this build): "
                        + "run again with --noop-baseline off, or add the endpoint to survey-intake");
            }
        } catch (IOException ignored) {
            // the original failure is reported anyway
        }
    }

    private void warmUp(LoadDriver driver, ResponseGenerator generator) {
        if (options.warmup == 0) {
            return;
        }
        log("warming up (JIT) with " + options.warmup + " requests to each endpoint");
        if (options.noopBaseline) {
            LoadDriver.Plan noop = new LoadDriver.Plan("warm-up no-op", options.concurrency, options.warmup, WARMUP_LIMIT,
                    options.progressEvery, false);
            LoadResult n = driver.run(noop, i -> PreparedRequest.postJson(NOOP_PATH, generator.generate(WARMUP_STREAM, i).body()), this::log);
            if (n.succeeded() == 0) {
                log("the no-op endpoint answered " + n.errors() + " " + n.sampleErrors()
                        + ": does this survey-intake serve POST " + NOOP_PATH + " with -Dintake.benchmark.noop-enabled=true?");
            }
        }
        LoadDriver.Plan intake = new LoadDriver.Plan("warm-up intake", options.concurrency, options.warmup, WARMUP_LIMIT,
                options.progressEvery, options.solveProofOfWork);
        LoadResult r = driver.run(intake, i -> post(generator.generate(WARMUP_STREAM, 1_000_000_000L + i)), this::log);
        log(r.summary());
        if (r.succeeded() == 0) {
            throw new IllegalStateException("survey-intake accepted none of the warm-up responses: " + r.errors() + " " + r.sampleErrors());
        }
    }

    /** (a) The same requests against the no-op endpoint and against intake, at the same concurrency. */
    private void intakeAlone(LoadDriver driver, ResponseGenerator generator, PlatformProbe probe,
            java.util.function.Supplier<List<CpuUsage.Group>> cpuGroups) {
        int count = (int) Math.min(options.intakeRequests, Integer.MAX_VALUE);
        log(String.format("generating %,d responses for the intake-alone runs (outside the timed window)", count));
        SyntheticResponse[] pool = new SyntheticResponse[count];
        IntStream.range(0, count).parallel().forEach(i -> pool[i] = generator.generate(INTAKE_STREAM, i));

        LoadDriver.Plan noopPlan = new LoadDriver.Plan("no-op baseline", options.concurrency, count, options.intakeDuration,
                options.progressEvery, false);
        CpuUsage.Sample noopStart = CpuUsage.sample(cpuGroups.get());
        LoadResult noop = options.noopBaseline
                ? driver.run(noopPlan, i -> PreparedRequest.postJson(NOOP_PATH, pool[(int) i].body()), this::log)
                : null;
        CpuUsage.Usage noopCpu = CpuUsage.between(noopStart, CpuUsage.sample(cpuGroups.get()));
        LoadDriver.Plan intakePlan = new LoadDriver.Plan("intake (accepted)", options.concurrency, count, options.intakeDuration,
                options.progressEvery, options.solveProofOfWork);
        IntakeSteps stepsBefore = probe.intakeSteps();
        CpuUsage.Sample intakeStart = CpuUsage.sample(cpuGroups.get());
        LoadResult intake = driver.run(intakePlan, i -> post(pool[(int) i]), this::log);
        CpuUsage.Usage intakeCpu = CpuUsage.between(intakeStart, CpuUsage.sample(cpuGroups.get()));
        IntakeSteps steps = probe.intakeSteps().minus(stepsBefore);

        section("(a) intake alone vs a no-op endpoint on the same HTTP stack, concurrency " + options.concurrency
                + (options.solveProofOfWork ? ", each response after fetching and solving a proof-of-work challenge (max-number "
                        + options.proofOfWorkMaxNumber + ")" : ", proof of work off"));
        if (noop != null) {
            report(noop.summary());
        }
        report(intake.summary());
        if (noop == null) {
            report(String.format("no-op baseline off (--noop-baseline off)   (target: ≥ 5,000 accepted/s at p99 ≤ 50 ms) → %s",
                    intake.throughput() >= 5000 && intake.percentileMillis(99) <= 50 ? "met so far" : "MISSED"));
        } else if (noop.succeeded() > 0) {
            report(String.format("intake / no-op = %.0f%%   (target: ≥ 5,000 accepted/s at p99 ≤ 50 ms and ≥ 50%% of the no-op) → %s",
                    100 * intake.throughput() / noop.throughput(),
                    intake.throughput() >= 5000 && intake.percentileMillis(99) <= 50 && intake.throughput() >= 0.5 * noop.throughput()
                            ? "met" : "MISSED"));
        } else {
            report("no-op endpoint unavailable (" + noop.errors() + "): no baseline");
        }
        if (noop != null) {
            sampleErrors(noop);
            report("  no-op: " + noopCpu.describe(noop.succeeded(), "request"));
        }
        sampleErrors(intake);
        report("  intake: " + intakeCpu.describe(intake.succeeded(), "response"));
        steps.describe().forEach(line -> report("  " + line));
    }

    /** The processes whose CPU the report shows: the driver (with the Kafka broker), each service, PostgreSQL by database. */
    private static List<CpuUsage.Group> cpuGroups(Platform platform) {
        List<CpuUsage.Group> groups = new ArrayList<>();
        groups.add(new CpuUsage.Group("driver+kafka", ProcessHandle.current().pid(), false));
        for (String name : Platform.SERVICES) {
            groups.add(new CpuUsage.Group(name, platform.service(name).pid(), false));
        }
        // A backend's title is "postgres: <role> <database> <client> <state>": one group per database, and
        // the postmaster with its background processes (WAL writer, checkpointer, autovacuum) as "postgresql".
        groups.add(new CpuUsage.Group("postgresql", platform.postgres().pid(), true, commandLine -> {
            String[] title = commandLine.split(" ");
            return title.length > 2 && title[0].equals("postgres:") && title[1].equals(PostgresServer.ROLE)
                    ? "postgresql " + title[2] : null;
        }));
        return groups;
    }

    /** (b) N responses through all four services into PostgreSQL. */
    private void replay(LoadDriver driver, ResponseGenerator generator, PlatformProbe probe,
            java.util.function.Supplier<List<CpuUsage.Group>> cpuGroups, java.util.function.LongSupplier unfolded)
            throws InterruptedException {
        StageCounts before = probe.counts();
        Map<String, Long> deadBefore = probe.deadLetteredByService();
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lag-monitor");
            t.setDaemon(true);
            return t;
        });
        UnfoldedRecords unfoldedSinceStart = UnfoldedRecords.start(probe::reportingStoredAndFolded, unfolded);
        long compactionsBefore = probe.reportingCompactions().count();
        long started = System.nanoTime();
        monitor.scheduleAtFixedRate(() -> {
            try {
                StageCounts now = probe.counts().minus(before);
                log(String.format("replay t+%.0fs: accepted %,d located %,d de-identified %,d stored %,d dead-lettered %,d | %s | not yet folded into the stored cubes %,d",
                        (System.nanoTime() - started) / 1e9, now.accepted(), now.located(), now.deidentified(), now.stored(),
                        now.deadLetteredTotal(), now.lag(diff(probe.deadLetteredByService(), deadBefore)),
                        unfoldedSinceStart.now(probe.reportingAtLastCount())));
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    log("lag monitor: " + e.getMessage());
                }
            }
        }, options.progressEvery.toMillis(), options.progressEvery.toMillis(), TimeUnit.MILLISECONDS);

        LoadDriver.Plan plan = new LoadDriver.Plan("replay intake", options.concurrency, options.responses,
                options.drainTimeout, options.progressEvery, options.solveProofOfWork);
        LoadResult posted;
        long allStored;
        long allFolded;
        StageCounts after;
        CpuUsage.Sample cpuStart = CpuUsage.sample(cpuGroups.get());
        BrokerRequests brokerStart = BrokerRequests.sample();
        CpuUsage.Usage cpu = null;
        BrokerRequests broker = null;
        try {
            posted = driver.run(plan, i -> post(generator.generate(REPLAY_STREAM, i)), this::log);
            long deadline = System.nanoTime() + options.drainTimeout.toNanos();
            while (true) {
                after = probe.counts().minus(before);
                if (after.accepted() >= posted.succeeded() && after.settled() >= after.accepted()) {
                    allStored = System.nanoTime();
                    cpu = CpuUsage.between(cpuStart, CpuUsage.sample(cpuGroups.get()));
                    broker = BrokerRequests.sample().minus(brokerStart);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    allStored = -1;
                    break;
                }
                Thread.sleep(200);
            }
            // Tables answer from each instance's in-memory cubes, which follow the stored records within a second;
            // the cubes in PostgreSQL (what a starting instance reads) are folded apart, and may still be catching up.
            // Followed by the counters, then confirmed by the exact count.
            while (allStored >= 0 && unfoldedSinceStart.now(probe.reportingStoredAndFolded()) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            while (allStored >= 0 && unfolded.getAsLong() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            allFolded = allStored >= 0 && unfolded.getAsLong() == 0 ? System.nanoTime() : -1;
        } finally {
            monitor.shutdownNow();
        }
        section(String.format("(b) end-to-end replay of %,d responses through all four services into PostgreSQL", options.responses));
        report(posted.summary());
        sampleErrors(posted);
        if (allStored < 0) {
            report(String.format("NOT all stored within %d s: %s", options.drainTimeout.toSeconds(), after.lag(diff(probe.deadLetteredByService(), deadBefore))));
        } else {
            double seconds = (allStored - started) / 1e9;
            report(String.format("last record stored %.1f s after the first request: %,.0f responses/s end to end "
                    + "(target: all 557,077 in ≤ 300 s) → %s", seconds, after.settled() / seconds,
                    options.responses == BenchmarkOptions.BIG_ASK ? (seconds <= 300 && posted.failed() == 0 ? "met" : "MISSED")
                            : String.format("n/a for %,d responses (%,.0f s projected for 557,077)", options.responses,
                                    BenchmarkOptions.BIG_ASK / (after.settled() / seconds))));
            report(allFolded < 0 ? String.format("the stored cubes had not folded every record within %d s", options.drainTimeout.toSeconds())
                    : String.format("stored cubes (read by a starting instance; tables do not wait for them) caught up %.1f s after the first request",
                            (allFolded - started) / 1e9));
            // A compaction rewrites every stored cube; while records arrive fast the reporting service lets a due one wait.
            PlatformProbe.Compactions compactions = probe.reportingCompactions();
            report(String.format("stored cubes compacted %d times during the replay; %,d rows appended since the last compaction "
                    + "(a due compaction waits for the first quiet fold)", compactions.count() - compactionsBefore, compactions.rowsUncompacted()));
        }
        if (cpu != null) {
            report("until the last record was stored: " + cpu.describe(after.settled(), "response"));
            report("  " + broker.describe(after.settled(), "response"));
        }
        report("replay ledger (this phase only):");
        report(after.ledger());
    }

    /** Waits until everything accepted so far is stored or dead-lettered, so phases do not overlap. */
    private void drain(PlatformProbe probe, String when) throws InterruptedException {
        long deadline = System.nanoTime() + options.drainTimeout.toNanos();
        long last = System.nanoTime();
        while (System.nanoTime() < deadline) {
            StageCounts c = probe.counts();
            if (c.settled() >= c.accepted()) {
                return;
            }
            if (System.nanoTime() - last > options.progressEvery.toNanos()) {
                log("draining " + when + ": " + c.lag(probe.deadLetteredByService()));
                last = System.nanoTime();
            }
            // Scraping costs the services CPU (the profile shows it): between phases once a second is plenty.
            Thread.sleep(1_000);
        }
        log("the pipeline did not drain " + when + " within " + options.drainTimeout.toSeconds() + " s; going on");
    }

    private void ledger(Platform platform, PlatformProbe probe) {
        StageCounts total = probe.counts();
        section("reconciliation ledger for the whole run (warm-up included), from the services' own metrics");
        report(total.ledger());
        report(String.format("  repeated submission ids answered by intake without republishing: %,d", probe.intakeDuplicates()));
        ReportingDatabase.RecordCount db = ReportingDatabase.count(platform.postgres().jdbcUrl("reporting"),
                platform.postgres().username(), platform.postgres().password());
        report(String.format("  reporting database: %,d rows, %,d distinct response ids → duplicates %,d; rows = stored counter: %s",
                db.rows(), db.distinctResponseIds(), db.duplicates(), db.rows() == total.stored() ? "yes" : "NO (" + total.stored() + ")"));
        report("  ledger balanced with no duplicates: " + (total.balanced() && db.duplicates() == 0 && db.rows() == total.stored() ? "yes" : "NO"));
    }

    private void memory(Platform platform) {
        section("resident memory (VmHWM = peak, VmRSS = now; target ≤ 300 MB each, geography ≤ 512 MB)");
        for (ServiceProcess s : platform.services().values().stream().sorted(Comparator.comparing(ServiceProcess::name)).toList()) {
            ProcessMemory m = ProcessMemory.of(s.pid());
            int limit = s.name().equals(Platform.GEOGRAPHY) ? 512 : 300;
            report(String.format("  %-18s peak %6.0f MB   now %6.0f MB   %s", s.name(), m.peakRssMb(), m.rssMb(),
                    m.peakRssMb() <= limit ? "ok" : "OVER " + limit + " MB"));
        }
        ProcessMemory self = ProcessMemory.of(ProcessHandle.current().pid());
        report(String.format("  %-18s peak %6.0f MB   now %6.0f MB   (the driver JVM, which also hosts the Kafka broker)", "driver+kafka",
                self.peakRssMb(), self.rssMb()));
    }

    private static PreparedRequest post(SyntheticResponse r) {
        return PreparedRequest.postJson(r.path(), r.body());
    }

    private static Map<String, String> baseUrls(Platform platform) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String s : Platform.SERVICES) {
            urls.put(s, platform.service(s).baseUrl());
        }
        return urls;
    }

    private static Map<String, Long> diff(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> d = new LinkedHashMap<>(now);
        before.forEach((k, v) -> d.merge(k, -v, Long::sum));
        return d;
    }

    private void sampleErrors(LoadResult r) {
        r.sampleErrors().forEach((k, v) -> report("    " + r.name() + " sample " + k + ": " + v));
    }

    private void section(String title) {
        report("");
        report("== " + title);
    }

    private void report(String line) {
        report.add(line);
        System.out.println(line);
    }

    private void log(String line) {
        System.out.println("[" + DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now()).substring(0, 8) + "] " + line);
    }

    private void writeReport(Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path file = workDir.resolve("report.txt");
            List<String> lines = new ArrayList<>();
            lines.add("machine: " + Machine.describe());
            lines.add("options: responses " + options.responses + ", concurrency " + options.concurrency + ", seed " + options.seed
                    + ", partitions " + options.partitions + ", proof of work " + (options.solveProofOfWork ? "solve (max-number "
                            + options.proofOfWorkMaxNumber + ")" : "off") + ", service JVM " + String.join(" ", options.serviceJvmOptions));
            lines.addAll(report);
            Files.write(file, lines);
            System.out.println("\nreport written to " + file);
            // Broker and database files of a finished run are large and worthless; the logs stay.
            for (String dir : List.of("kafka", "postgres")) {
                deleteTree(workDir.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
