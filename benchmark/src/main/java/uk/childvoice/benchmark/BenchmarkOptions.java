package uk.childvoice.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@code ./benchmark.sh}; every option has a default fit for the full national-peak run. */
public final class BenchmarkOptions {
    /** The Big Ask's response count. */
    public static final int BIG_ASK = 557_077;

    int responses = BIG_ASK;
    int concurrency = 64;
    long intakeRequests = 100_000;
    Duration intakeDuration = Duration.ofSeconds(30);
    // The services run without tiered compilation (the launcher's choice, for the replay's sake): a method is
    // compiled only after about 10,000 calls, so 5,000 warm-up responses left intake's path interpreted and
    // (a) measured its JIT ramp (1,300/s in its first 5 s, 4,000/s in its last; after 30,000 it still rose from
    // 2,500/s to 3,850/s over the 30 s). After 50,000 (about 30 s) intake was still rising: 2,300/s at the end of
    // the warm-up, and (a) went from 2,167/s in its first 5 s to 4,966/s in its last (3,625/s in all). In a
    // 150,000-request warm-up the rate levelled off after about 50,000 (3,300-3,700/s, the driver generating
    // its bodies), and (a) after it measured 4,748 and 4,878/s. But every warm-up response is also stored:
    // with 150,000 the reporting service held 807,077 records by the end and peaked at 299 MB (284 MB with
    // 50,000 the same hour). 100,000 is twice what the ramp took.
    int warmup = 100_000;
    long seed = 20210419L;
    int partitions = 3;
    boolean solveProofOfWork = true;
    long proofOfWorkMaxNumber = 100;
    Duration progressEvery = Duration.ofSeconds(5);
    Duration drainTimeout = Duration.ofMinutes(15);
    boolean runIntake = true;
    boolean runReplay = true;
    boolean noopBaseline = true;
    boolean pauseConsumersForIntake = true;
    boolean flightRecorder;
    int driverThreads = 2;
    Path workDir;
    List<String> serviceJvmOptions = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");
    final List<String[]> properties = new ArrayList<>();

    static final String USAGE = """
            Usage: ./benchmark.sh [options]
              --responses N            responses replayed end to end (default 557,077: the Big Ask)
              --concurrency N          requests in flight (default 64)
              --intake-requests N      bound of each intake-alone run, no-op and intake (default 100,000)
              --intake-seconds S       time bound of each intake-alone run (default 30)
              --warmup N               warm-up requests per endpoint before measuring (default 100,000)
              --seed N                 generator seed: same seed, same responses (default 20210419)
              --partitions N           partitions of each response topic (default 3)
              --proof-of-work MODE     solve: fetch and solve a challenge per response like a browser (default);
                                       off: start intake with intake.proof-of-work.enabled=false
              --pow-max-number N       challenge difficulty given to intake in solve mode (default 100;
                                       production's 100,000 is a browser's cost, not the platform's)
              --only intake|replay     run one of the two measurements
              --noop-baseline on|off   off: for an intake without the no-op endpoint (no baseline, no ratio)
              --consumers-during-intake pause|run
                                       pause (default): geography, the anonymiser and reporting are stopped during
                                       the warm-up and (a), so (a) measures intake alone; they then catch up
                                       before (b). run: they consume while (a) runs
              --progress-seconds S     progress and lag every S seconds (default 5)
              --drain-timeout-seconds S  longest wait for the pipeline to store everything (default 900)
              --driver-threads N       the driver's event loops (default 2)
              --service-jvm-options "..."  JVM options of each service (default "-Xms64m -Xmx256m -XX:+UseSerialGC")
              --property SERVICE:KEY=VALUE  extra setting for one service (repeatable), e.g.
                                       --property geography-service:geography.directory.path=/data/ONSPD.csv.gz
              --jfr on|off             on: profile every service with Java Flight Recorder and print where the CPU went
              --work-dir DIR           data and logs (default benchmark/target/runs/<time>)
            """;

    private static final java.util.Set<String> KNOWN = java.util.Set.of("--responses", "--concurrency", "--intake-requests",
            "--intake-seconds", "--warmup", "--seed", "--partitions", "--proof-of-work", "--pow-max-number", "--only",
            "--noop-baseline", "--consumers-during-intake", "--progress-seconds", "--drain-timeout-seconds", "--driver-threads", "--service-jvm-options", "--property", "--work-dir", "--jfr");

    static BenchmarkOptions parse(String[] args) {
        BenchmarkOptions o = new BenchmarkOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && !arg.startsWith("--property")) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            if (!KNOWN.contains(arg)) {
                throw new UsageException("unknown option " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                value = args[++i];
            }
            try {
                switch (arg) {
                    case "--responses" -> o.responses = positiveInt(value);
                    case "--concurrency" -> o.concurrency = positiveInt(value);
                    case "--intake-requests" -> o.intakeRequests = positiveInt(value);
                    case "--intake-seconds" -> o.intakeDuration = Duration.ofSeconds(positiveInt(value));
                    case "--warmup" -> o.warmup = Integer.parseInt(value.replace("_", "").replace(",", ""));
                    case "--seed" -> o.seed = Long.parseLong(value);
                    case "--partitions" -> o.partitions = positiveInt(value);
                    case "--proof-of-work" -> o.solveProofOfWork = switch (value) {
                        case "solve" -> true;
                        case "off" -> false;
                        default -> throw new UsageException("--proof-of-work is solve or off, not " + value);
                    };
                    case "--pow-max-number" -> o.proofOfWorkMaxNumber = positiveInt(value);
                    case "--only" -> {
                        o.runIntake = value.equals("intake");
                        o.runReplay = value.equals("replay");
                        if (!o.runIntake && !o.runReplay) {
                            throw new UsageException("--only is intake or replay, not " + value);
                        }
                    }
                    case "--noop-baseline" -> o.noopBaseline = switch (value) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new UsageException("--noop-baseline is on or off, not " + value);
                    };
                    case "--consumers-during-intake" -> o.pauseConsumersForIntake = switch (value) {
                        case "pause" -> true;
                        case "run" -> false;
                        default -> throw new UsageException("--consumers-during-intake is pause or run, not " + value);
                    };
                    case "--progress-seconds" -> o.progressEvery = Duration.ofSeconds(positiveInt(value));
                    case "--drain-timeout-seconds" -> o.drainTimeout = Duration.ofSeconds(positiveInt(value));
                    case "--driver-threads" -> o.driverThreads = positiveInt(value);
                    case "--service-jvm-options" -> o.serviceJvmOptions = List.of(value.trim().split("\\s+"));
                    case "--property" -> {
                        int colon = value.indexOf(':');
                        int equals = value.indexOf('=', colon + 1);
                        if (colon <= 0 || equals < 0) {
                            throw new UsageException("--property needs SERVICE:KEY=VALUE, not " + value);
                        }
                        o.properties.add(new String[] {value.substring(0, colon), value.substring(colon + 1, equals),
                            value.substring(equals + 1)});
                    }
                    case "--jfr" -> o.flightRecorder = switch (value) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new UsageException("--jfr is on or off, not " + value);
                    };
                    case "--work-dir" -> o.workDir = Path.of(value);
                    default -> throw new UsageException("unknown option " + arg);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(arg + " needs a number, not " + value);
            }
        }
        return o;
    }

    private static int positiveInt(String value) {
        int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
        if (n <= 0) {
            throw new UsageException("expected a positive number, not " + value);
        }
        return n;
    }

    /** A command-line mistake: the message and the usage are printed. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
