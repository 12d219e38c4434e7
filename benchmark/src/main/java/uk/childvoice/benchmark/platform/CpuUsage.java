package uk.childvoice.benchmark.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * CPU time of the platform's processes over a phase of the benchmark, read from Linux's {@code /proc}:
 * which process the two cores went to while intake was measured alone and during the replay, and what
 * a response cost in all. Earlier sessions read these figures by hand; the report now prints them.
 *
 * <p>A process's time is {@code utime + stime} of {@code /proc/<pid>/stat} plus {@code cutime + cstime},
 * the time of children it has already reaped. A group can also take in its live descendants: PostgreSQL
 * is a postmaster with one process per connection (and short-lived autovacuum workers, whose time moves
 * into the postmaster's {@code cutime} when they exit, so nothing is counted twice or lost). The machine's
 * busy time ({@code /proc/stat}) shows what the listed processes leave over: Keycloak, the kernel, anything
 * else on the machine.
 */
public final class CpuUsage {
    /**
     * Clock ticks per second in {@code /proc} (USER_HZ). The kernel reports 100 on every architecture the
     * JDK runs on; Java cannot call {@code sysconf(_SC_CLK_TCK)} without native code.
     */
    static final double TICKS_PER_SECOND = 100;

    /**
     * A process whose time counts, with its descendants or without (the driver's children are the platform).
     * {@code descendantGroup} may name a descendant's own group from its command line (PostgreSQL's backends
     * by database), or answer null to count it in this one.
     */
    public record Group(String name, long pid, boolean withDescendants, Function<String, String> descendantGroup) {
        public Group(String name, long pid, boolean withDescendants) {
            this(name, pid, withDescendants, commandLine -> null);
        }
    }

    /** Every group's cumulative ticks, and the machine's, at one moment. */
    public record Sample(long nanoTime, Map<String, Long> rootPids, Map<String, Long> ticks, long machineBusyTicks) {
    }

    /** What each group used between two samples, in CPU-seconds. */
    public record Usage(double wallSeconds, Map<String, Double> cpuSeconds, double machineBusySeconds, int cores) {

        public double totalListed() {
            return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** One report line: cores per process, the rest of the machine, and CPU per unit of work. */
        public String describe(long units, String unit) {
            StringBuilder b = new StringBuilder(String.format("CPU over %.1f s: machine busy %.2f of %d cores", wallSeconds,
                    machineBusySeconds / wallSeconds, cores));
            cpuSeconds.forEach((name, s) -> b.append(String.format("; %s %.2f (%.1f CPU-s)", name, s / wallSeconds, s)));
            double other = Math.max(0, machineBusySeconds - totalListed());
            b.append(String.format("; everything else %.2f (%.1f CPU-s)", other / wallSeconds, other));
            if (units > 0) {
                b.append(String.format(" → %.3f ms of CPU a %s in all (%.3f ms for the listed processes)",
                        1000 * machineBusySeconds / units, unit, 1000 * totalListed() / units));
            }
            return b.toString();
        }
    }

    private CpuUsage() {
    }

    /** Reads every group now; a process that is gone counts as zero. */
    public static Sample sample(List<Group> groups) {
        Map<String, Long> roots = new LinkedHashMap<>();
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Group g : groups) {
            roots.put(g.name(), g.pid());
            ticks.merge(g.name(), ticksOf(g.pid()), Long::sum);
            if (g.withDescendants()) {
                List<ProcessHandle> descendants;
                try (Stream<ProcessHandle> d = ProcessHandle.of(g.pid()).stream().flatMap(ProcessHandle::descendants)) {
                    descendants = d.toList();
                }
                for (ProcessHandle h : descendants) {
                    String own = g.descendantGroup().apply(commandLine(h.pid()));
                    String name = own == null ? g.name() : own;
                    roots.putIfAbsent(name, g.pid());
                    ticks.merge(name, ticksOf(h.pid()), Long::sum);
                }
            }
        }
        return new Sample(System.nanoTime(), roots, ticks, machineBusyTicks());
    }

    /**
     * What each group used from {@code a} to {@code b}. A group whose process changed meanwhile (a service
     * restarted) counts the new process's whole time: the old one's last moments are lost, never doubled.
     * A descendant that exits between the samples moves its time to its parent's reaped-children figure,
     * so its own group's share is understated by what it had used before {@code a} (never below zero).
     */
    public static Usage between(Sample a, Sample b) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        b.ticks().forEach((name, t) -> {
            boolean same = b.rootPids().get(name).equals(a.rootPids().get(name));
            long used = same ? t - a.ticks().getOrDefault(name, 0L) : t;
            seconds.put(name, Math.max(0, used) / TICKS_PER_SECOND);
        });
        return new Usage((b.nanoTime() - a.nanoTime()) / 1e9, seconds, (b.machineBusyTicks() - a.machineBusyTicks()) / TICKS_PER_SECOND,
                Runtime.getRuntime().availableProcessors());
    }

    /** A process's command line with its arguments separated by spaces ("" when it is gone). */
    static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long ticksOf(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * {@code utime + stime + cutime + cstime} of a {@code /proc/<pid>/stat} line: fields 14-17, counted
     * after the command name, which is in parentheses and may itself hold spaces and parentheses.
     */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static long machineBusyTicks() {
        try {
            return busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy ticks of the {@code cpu} line of {@code /proc/stat}: everything but idle and iowait (guest time is inside user). */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }
}
