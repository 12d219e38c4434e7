package uk.childvoice.launcher;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start the platform: where its data and logs go, which ports (0 = any free loopback port),
 * and extra settings per service.
 */
public final class PlatformOptions {
    Path workDir;
    int kafkaPort;
    int postgresPort;
    int keycloakPort;
    int partitions = 3;
    final Map<String, Integer> servicePorts = new HashMap<>();
    final Map<String, Map<String, String>> extraProperties = new HashMap<>();
    List<String> serviceJvmOptions = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * JVM options added after {@link #serviceJvmOptions} for one service (the last -Xmx wins). By
     * default reporting-service gets a 384 MB heap: its in-memory cubes for a Big-Ask-sized collection,
     * plus a consumer batch and a fold, ran 256 MB out in the full replay. (In Kubernetes it has 70% of
     * a 768 MiB limit.)
     */
    final Map<String, List<String>> extraJvmOptions = new HashMap<>(Map.of(Platform.REPORTING, List.of("-Xmx384m")));

    private PlatformOptions(Path workDir) {
        this.workDir = workDir;
    }

    /** Free ports everywhere: for tests. */
    public static PlatformOptions randomPorts(Path workDir) {
        return new PlatformOptions(workDir);
    }

    /** The local stack's well-known ports. */
    public static PlatformOptions wellKnownPorts(Path workDir) {
        PlatformOptions o = new PlatformOptions(workDir);
        o.kafkaPort = 9092;
        o.postgresPort = 5433;
        o.keycloakPort = 8180;
        o.servicePorts.put(Platform.INTAKE, 8081);
        o.servicePorts.put(Platform.GEOGRAPHY, 8082);
        o.servicePorts.put(Platform.ANONYMISER, 8083);
        o.servicePorts.put(Platform.REPORTING, 8084);
        return o;
    }

    public PlatformOptions partitions(int partitions) {
        this.partitions = partitions;
        return this;
    }

    /** Adds a system property for one service (module name), e.g. to point geography at a full directory file. */
    public PlatformOptions property(String service, String key, String value) {
        extraProperties.computeIfAbsent(service, s -> new HashMap<>()).put(key, value);
        return this;
    }

    public PlatformOptions serviceJvmOptions(List<String> options) {
        this.serviceJvmOptions = List.copyOf(options);
        return this;
    }

    /** Replaces the JVM options added for one service after everyone's (see {@link #extraJvmOptions}). */
    public PlatformOptions extraJvmOptions(String service, List<String> options) {
        extraJvmOptions.put(service, List.copyOf(options));
        return this;
    }

    /** The JVM options one service starts with. */
    List<String> jvmOptionsFor(String service) {
        List<String> options = new java.util.ArrayList<>(serviceJvmOptions);
        options.addAll(extraJvmOptions.getOrDefault(service, List.of()));
        return List.copyOf(options);
    }

    int portOf(String service) {
        return Ports.orFree(servicePorts.getOrDefault(service, 0));
    }
}
