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


    int portOf(String service) {
        return Ports.orFree(servicePorts.getOrDefault(service, 0));
    }
}
