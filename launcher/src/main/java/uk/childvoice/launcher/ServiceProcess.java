package uk.childvoice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as its own
 * JVM process on 127.0.0.1, configured by system properties, its output in a log file.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service; call {@link #awaitReady(Duration)} before sending it traffic. */
    public static ServiceProcess start(String module, int port, Map<String, String> properties, List<String> jvmOptions, Path logDir) {
        Path jar = LauncherSettings.repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(module + " is not packaged (" + jar + " missing): run ./mvnw -DskipTests package first");
        }
        Map<String, String> secrets = new java.util.HashMap<>();
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (isSecret(k)) {
                secrets.put(environmentName(k), v);
            } else {
                settings.put(k, v);
            }
        });
        List<String> command = command(module, jar, port, settings, jvmOptions);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // Secrets travel in the environment (readable only by the same user), never on the command line.
            builder.environment().putAll(secrets);
            // glibc gives each thread that allocates its own malloc arena (up to 8 per core), and a Quarkus
            // service has dozens of threads: resident memory grows by tens of MB of arena space the JVM does
            // not account for. Two arenas is the usual setting for JVMs in containers (the Kubernetes
            // manifests set it too); an explicit value in the launcher's environment wins.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            return new ServiceProcess(module, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    /**
     * The java command line of a service: the launcher's options first, then the caller's (the last of
     * a repeated option is the one that counts, so the caller's win), then the settings that are not
     * secret as system properties.
     */
    static List<String> command(String module, Path jar, int port, Map<String, String> settings, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // glibc keeps memory that the JVM has freed (compiler arenas, zip inflaters, Netty's and Kafka's
        // buffers) in its free lists: 25-35 MB a service in the Big Ask replay, returned to the system by
        // one trim. The JVM trims every 5 s with this (JDK 17.0.9 and later); the manifests set it too.
        command.add("-XX:TrimNativeHeapInterval=5000");
        command.addAll(compilerOptions());
        command.addAll(memoryOptions(module));
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.host=" + Ports.LOOPBACK);
        command.add("-Dquarkus.http.port=" + port);
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * JVM options every service gets before the caller's (which win, the last of a repeated option
     * being the one that counts).
     *
     * <p>No tiered compilation: the interpreter profiles, and only methods called about 10,000 times
     * are compiled, by C2. Tiered, every method called a few hundred times is first compiled by C1 with
     * profiling (its code and profile kept beside the C2 code), and C2 then compiles thousands of them.
     * On two cores shared by five JVMs, PostgreSQL and Kafka that was the largest single cost in the Big
     * Ask replay after the services' own work: the C1 and C2 compiler threads of the four services used
     * 181 of their 1,041 CPU-seconds; without tiered compilation, 55 (each service's own threads, read
     * from /proc, same day and machine). It also leaves no C1 code or profiles resident: the reporting
     * service peaked at 293-301 MB instead of 311, the anonymiser and intake about 20 MB lower. C1 alone was
     * tried for the reporting service: 282 MB, but its code ran the cube and database work 1.7-2.6 times
     * slower (262 CPU-seconds against 196).
     */
    static List<String> compilerOptions() {
        return List.of("-XX:-TieredCompilation");
    }

    /**
     * Heap options a service gets before the caller's. The reporting service keeps its in-memory cubes
     * for the life of the process, and with SerialGC's defaults its heap settled at about twice what it
     * held: the young generation grew to 52 MB and the old one kept 40% free after each full collection
     * (218-240 MB committed for 90 MB live, 427-467 MB resident in the Big Ask replay). A young
     * generation fixed at 32 MB with larger survivor spaces (fewer short-lived batches promoted) and an
     * old one kept 20-40% free held it at 311-327 MB (a 24 MB young generation: 303 MB, but 165 full
     * collections instead of 92). With ingestion fast the old generation still grew to 98 MB for 64 MB
     * live (301 MB resident); kept 15-30% free, the service peaked at 288 MB, at 128 full collections
     * (33 s) instead of 93-100.
     *
     * <p>The other services hold little for long, and with the defaults their heaps stayed at about 64 MB
     * with a young generation of about 21-26 MB: under load intake collected it every 0.1-0.2 s. A young
     * collection costs about what survives it (the requests and batches in flight), not the garbage, so
     * a larger young generation means fewer collections for the same work. In the same 200,000-response
     * replay (JFR): intake 840 young collections (5.2 s) with the default, 279 (2.9 s) with 64 MB; the
     * anonymiser 485 (5.0 s), 264 (3.8 s) with 48 MB; geography 212 (3.0 s), 130 (2.0 s) with 40 MB,
     * and that in a slower hour. Each is about 20-45 MB more resident, within 300 MB.
     */
    static List<String> memoryOptions(String module) {
        return switch (module) {
            case "reporting-service" -> List.of("-Xmn32m", "-XX:SurvivorRatio=4", "-XX:MinHeapFreeRatio=15", "-XX:MaxHeapFreeRatio=30");
            case "survey-intake" -> List.of("-Xmn64m");
            case "anonymiser" -> List.of("-Xmn48m");
            case "geography-service" -> List.of("-Xmn40m");
            default -> List.of();
        };
    }

    static boolean isSecret(String key) {
        return key.endsWith("keyring") || key.endsWith("password") || key.endsWith("secret");
    }

    /** Quarkus' environment-variable form of a property name: upper case, every other character an underscore. */
    static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create(baseUrl() + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop(process, Duration.ofSeconds(20));
    }

    /** SIGTERM the process and its children, then SIGKILL whatever is left after the grace period. */
    static void stop(Process process, Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
