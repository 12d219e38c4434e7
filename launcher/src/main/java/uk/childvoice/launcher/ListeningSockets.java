package uk.childvoice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux /proc: the evidence that every server the
 * platform starts is reachable on loopback only.
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** A listening socket: its local address (as /proc shows it, decoded) and port. */
    public record Listener(String address, int port) {
        public boolean isLoopback() {
            return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
        }
    }

    /** Listening sockets owned by the process and its descendants. */
    public static List<Listener> of(long pid) {
        Set<String> inodes = new HashSet<>();
        socketInodes(pid, inodes);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> socketInodes(d.pid(), inodes)));
        List<Listener> listeners = new ArrayList<>();
        read(Path.of("/proc/net/tcp"), false, inodes, listeners);
        read(Path.of("/proc/net/tcp6"), true, inodes, listeners);
        return listeners;
    }

    private static void socketInodes(long pid, Set<String> inodes) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> entries = Files.list(fds)) {
            entries.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while listing
                }
            });
        } catch (IOException e) {
            // process gone or not ours
        }
    }

    private static void read(Path table, boolean v6, Set<String> inodes, List<Listener> out) {
        if (!Files.exists(table)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && LISTEN.equals(f[3]) && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    out.add(new Listener(v6 ? ipv6(local[0]) : ipv4(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ipv4(String hex) {
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    private static String ipv6(String hex) {
        // /proc prints four little-endian 32-bit words.
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 4; w++) {
            String word = hex.substring(w * 8, w * 8 + 8);
            for (int b = 3; b >= 0; b--) {
                sb.append(word, b * 2, b * 2 + 2);
            }
        }
        String h = sb.toString().toLowerCase();
        if (h.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (h.equals("00000000000000000000000000000001")) {
            return "::1";
        }
        if (h.startsWith("00000000000000000000ffff")) {
            return "::ffff:" + ipv4(Long.toHexString(Long.reverseBytes(Long.parseLong(h.substring(24), 16)) >>> 32));
        }
        return h;
    }
}
