package uk.childvoice.benchmark.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service spent its CPU, from a Java Flight Recorder file: execution samples counted by the
 * method on top of the stack (self time) and by the first frame in the project's own code (inclusive
 * time attributed to our code), so "where does the time go" has an answer after every profiled run.
 */
public final class HotMethods {
    private HotMethods() {
    }

    /** Sample counts by top frame and by the first {@code uk.childvoice} frame, each sorted, at most {@code limit}. */
    public record Profile(long samples, Map<String, Long> selfTop, Map<String, Long> ownCodeTop, Map<String, Long> packageTop) {
    }

    public static Profile of(Path jfr, int limit) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> packages = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (frames.isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(frames.get(0)), 1L, Long::sum);
                packages.merge(library(frames.get(0).getMethod().getType().getName()), 1L, Long::sum);
                String mine = frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("uk.childvoice"))
                        .findFirst().map(HotMethods::name).orElse("(outside uk.childvoice: framework, JIT, GC, I/O)");
                own.merge(mine, 1L, Long::sum);
            }
        }
        return new Profile(samples, top(self, limit), top(own, limit), top(packages, limit));
    }

    /** The package a class belongs to, cut to the library level ({@code io.netty.buffer}, {@code java.util.regex}). */
    static String library(String className) {
        String[] parts = className.split("\\.");
        int keep = Math.min(parts.length - 1, parts[0].equals("java") || parts[0].equals("jdk") || parts[0].equals("sun") ? 2 : 3);
        return keep <= 0 ? className : String.join(".", java.util.Arrays.copyOf(parts, keep));
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static Map<String, Long> top(Map<String, Long> counts, int limit) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
