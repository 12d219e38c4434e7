package uk.childvoice.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine a run was measured on (CPU model, cores, memory, JVM, OS). */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        String memory = "unknown memory";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format("%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst().orElse(memory);
        } catch (IOException | RuntimeException e) {
            // not Linux: keep the defaults
        }
        return String.format("%s, %d cores, %s, Java %s, %s %s", cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }
}
