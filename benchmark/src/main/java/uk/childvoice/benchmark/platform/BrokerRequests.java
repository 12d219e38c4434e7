package uk.childvoice.benchmark.platform;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Requests the Kafka broker has handled, by request type, from its own request meters
 * ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec,request=…,version=…}). The broker runs
 * in the driver's JVM, so they are read from this JVM's MBean server. Counting requests a response shows
 * where the broker's per-request cost comes from: a consumer fetching one small batch at a time, or a
 * producer sending one record a request.
 *
 * @param byType requests since the broker started, by request type (versions summed)
 */
public record BrokerRequests(Map<String, Long> byType) {
    private static final String PATTERN = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";
    /** Meters that count a subset of another type's requests again (a consumer's or a follower's Fetch, a verification within AddPartitionsToTxn). */
    private static final Set<String> SUBSETS = Set.of("FetchConsumer", "FetchFollower", "AddPartitionsToTxnVerification");

    /** The broker's request counts now; empty when no broker runs in this JVM. */
    public static BrokerRequests sample() {
        return sample(ManagementFactory.getPlatformMBeanServer());
    }

    static BrokerRequests sample(MBeanServer server) {
        Map<String, Long> byType = new TreeMap<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(PATTERN), null)) {
                String type = name.getKeyProperty("request");
                if (type != null && !SUBSETS.contains(type) && server.getAttribute(name, "Count") instanceof Number count) {
                    byType.merge(type, count.longValue(), Long::sum);
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot read the broker's request meters: " + e.getMessage(), e);
        }
        return new BrokerRequests(Map.copyOf(byType));
    }

    /** The requests handled between {@code before} and this sample. */
    public BrokerRequests minus(BrokerRequests before) {
        Map<String, Long> diff = new TreeMap<>(byType);
        before.byType.forEach((k, v) -> diff.merge(k, -v, Long::sum));
        diff.values().removeIf(v -> v == 0);
        return new BrokerRequests(Map.copyOf(diff));
    }

    public long total() {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One line: all requests a {@code unit}, then the request types that make up at least 1% of them,
     * largest first, each a {@code unit}.
     */
    public String describe(long units, String unit) {
        if (units <= 0 || byType.isEmpty()) {
            return "no broker requests counted";
        }
        long total = total();
        String types = byType.entrySet().stream()
                .filter(e -> e.getValue() * 100 >= total)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.3f", e.getKey(), (double) e.getValue() / units))
                .collect(Collectors.joining(", "));
        return String.format("%,d broker requests, %.3f a %s (%s)", total, (double) total / units, unit, types);
    }
}
