package uk.childvoice.benchmark.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuUsageTest {

    @Test
    void countsAProcesssOwnTimeAndItsReapedChildrensFromItsStatLine() {
        // utime 1200, stime 300, cutime 40, cstime 6; a command name with a space and a parenthesis
        String stat = "4242 (postgres: a) b) S 1 4242 4242 0 -1 4194560 500 0 0 0 1200 300 40 6 20 0 1 0 100 0 0";

        assertThat(CpuUsage.ticks(stat)).isEqualTo(1546);
    }

    @Test
    void theMachinesBusyTimeLeavesOutIdleAndIoWait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(CpuUsage.busyTicks("cpu  100 2 30 9000 50 4 5 6 70 0")).isEqualTo(147);
    }

    @Test
    void aPhasesUsageIsTheDifferenceOfTwoSamplesAndARestartedProcessCountsWhole() {
        CpuUsage.Sample a = new CpuUsage.Sample(0, Map.of("intake", 10L, "anonymiser", 20L), Map.of("intake", 500L, "anonymiser", 900L), 2_000);
        CpuUsage.Sample b = new CpuUsage.Sample(10_000_000_000L, Map.of("intake", 10L, "anonymiser", 21L),
                Map.of("intake", 1_250L, "anonymiser", 300L), 3_900);

        CpuUsage.Usage u = CpuUsage.between(a, b);

        assertThat(u.wallSeconds()).isCloseTo(10.0, within(1e-9));
        assertThat(u.cpuSeconds()).containsEntry("intake", 7.5).containsEntry("anonymiser", 3.0);
        assertThat(u.machineBusySeconds()).isCloseTo(19.0, within(1e-9));
        assertThat(u.describe(1_000, "response")).contains("intake 0.75 (7.5 CPU-s)", "everything else 0.85 (8.5 CPU-s)",
                "19.000 ms of CPU a response in all");
    }

    @Test
    void aLiveProcessTreeUsesTimeBetweenTwoSamples() {
        long self = ProcessHandle.current().pid();
        List<CpuUsage.Group> groups = List.of(new CpuUsage.Group("self", self, false), new CpuUsage.Group("gone", Long.MAX_VALUE, true));
        CpuUsage.Sample a = CpuUsage.sample(groups);
        long spin = System.nanoTime() + 300_000_000L;
        double x = 0;
        while (System.nanoTime() < spin) {
            x += Math.sqrt(x + 1);
        }

        CpuUsage.Usage u = CpuUsage.between(a, CpuUsage.sample(groups));

        assertThat(x).isPositive();
        assertThat(u.cpuSeconds().get("self")).isGreaterThanOrEqualTo(0.1);
        assertThat(u.cpuSeconds().get("gone")).isZero();
        assertThat(u.machineBusySeconds()).isGreaterThanOrEqualTo(0.1);
    }

    @Test
    void aDescendantCountsInTheGroupItsCommandLineNames() throws Exception {
        // Given this JVM's child, a shell whose command line names it, and a group that sorts children by that name
        long self = ProcessHandle.current().pid();
        Process child = new ProcessBuilder("sh", "-c", "while :; do :; done", "spinner").start();
        try {
            List<CpuUsage.Group> groups = List.of(new CpuUsage.Group("self", self, true,
                    commandLine -> commandLine.startsWith("sh -c") ? "children" : null));
            CpuUsage.Sample a = CpuUsage.sample(groups);
            Thread.sleep(400);

            // When the child has spun for a while
            CpuUsage.Usage u = CpuUsage.between(a, CpuUsage.sample(groups));

            // Then its time is its own group's, not its parent's
            assertThat(u.cpuSeconds().get("children")).isGreaterThanOrEqualTo(0.1);
            assertThat(CpuUsage.commandLine(child.pid())).isEqualTo("sh -c while :; do :; done spinner");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
