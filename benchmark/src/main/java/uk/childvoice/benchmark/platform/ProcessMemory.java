package uk.childvoice.benchmark.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status}: VmRSS (now) and VmHWM (the peak,
 * the "high water mark"), in kB as Linux reports them.
 */
public record ProcessMemory(long pid, long rssKb, long peakRssKb) {

    /** Reads the process's status file; -1 values when it is gone or the file is unreadable. */
    public static ProcessMemory of(long pid) {
        try {
            return parse(pid, Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return new ProcessMemory(pid, -1, -1);
        }
    }

    static ProcessMemory parse(long pid, String status) {
        long rss = -1;
        long hwm = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kilobytes(line);
            }
        }
        return new ProcessMemory(pid, rss, hwm);
    }

    private static long kilobytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]);
    }

    public double rssMb() {
        return rssKb / 1024.0;
    }

    public double peakRssMb() {
        return peakRssKb / 1024.0;
    }
}
