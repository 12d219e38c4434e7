package uk.childvoice.benchmark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class BrokerRequestsTest {
    public interface MeterMBean {
        long getCount();
    }

    public static final class Meter implements MeterMBean {
        private final long count;

        Meter(long count) {
            this.count = count;
        }

        @Override
        public long getCount() {
            return count;
        }
    }

    @Test
    void sumsTheBrokersRequestMetersByTypeAcrossVersionsCountingNoRequestTwice() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(new Meter(40), new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Fetch,version=16"));
        server.registerMBean(new Meter(2), new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Fetch,version=17"));
        server.registerMBean(new Meter(7), new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,version=11"));
        // The broker marks a consumer's fetch on both "Fetch" and "FetchConsumer".
        server.registerMBean(new Meter(42), new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=FetchConsumer"));
        server.registerMBean(new Meter(999), new ObjectName("kafka.network:type=RequestMetrics,name=ErrorsPerSec,request=Fetch,error=NONE"));

        assertThat(BrokerRequests.sample(server).byType()).containsExactlyInAnyOrderEntriesOf(Map.of("Fetch", 42L, "Produce", 7L));
    }

    @Test
    void aPhaseCountsOnlyTheRequestsHandledSinceItsStart() {
        BrokerRequests before = new BrokerRequests(Map.of("Fetch", 10L, "Produce", 5L, "Metadata", 3L));
        BrokerRequests after = new BrokerRequests(Map.of("Fetch", 70L, "Produce", 25L, "Metadata", 3L, "Heartbeat", 1L));

        BrokerRequests phase = after.minus(before);

        assertThat(phase.byType()).containsExactlyInAnyOrderEntriesOf(Map.of("Fetch", 60L, "Produce", 20L, "Heartbeat", 1L));
        assertThat(phase.total()).isEqualTo(81);
    }

    @Test
    void describesRequestsPerResponseLargestFirstLeavingOutTypesUnderOnePercent() {
        BrokerRequests phase = new BrokerRequests(Map.of("Produce", 300L, "Fetch", 600L, "Heartbeat", 5L));

        assertThat(phase.describe(1_000, "response"))
                .isEqualTo("905 broker requests, 0.905 a response (Fetch 0.600, Produce 0.300)");
    }

    @Test
    void saysSoWhenNoBrokerRunsInThisJvm() {
        assertThat(BrokerRequests.sample(MBeanServerFactory.newMBeanServer()).describe(100, "response"))
                .isEqualTo("no broker requests counted");
    }
}
