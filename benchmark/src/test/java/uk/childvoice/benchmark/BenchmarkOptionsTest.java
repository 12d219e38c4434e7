package uk.childvoice.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void defaultsReplayTheWholeBigAskWithBothMeasurements() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[0]);

        assertThat(o.responses).isEqualTo(557_077);
        assertThat(o.runIntake).isTrue();
        assertThat(o.runReplay).isTrue();
        assertThat(o.solveProofOfWork).isTrue();
        assertThat(o.pauseConsumersForIntake).isTrue();
    }

    @Test
    void consumersCanBeLeftRunningDuringTheIntakeMeasurement() {
        assertThat(BenchmarkOptions.parse(new String[] {"--consumers-during-intake", "run"}).pauseConsumersForIntake).isFalse();
        assertThat(BenchmarkOptions.parse(new String[] {"--consumers-during-intake=pause"}).pauseConsumersForIntake).isTrue();
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--consumers-during-intake", "stop"}))
                .hasMessageContaining("pause or run");
    }

    @Test
    void readsBothOptionSpellingsAndPerServiceProperties() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[] {"--responses", "2,000", "--concurrency=32", "--only", "replay",
            "--proof-of-work", "off", "--intake-seconds", "10", "--property", "geography-service:geography.directory=/d/x=y.csv"});

        assertThat(o.responses).isEqualTo(2_000);
        assertThat(o.concurrency).isEqualTo(32);
        assertThat(o.runIntake).isFalse();
        assertThat(o.runReplay).isTrue();
        assertThat(o.solveProofOfWork).isFalse();
        assertThat(o.intakeDuration).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.properties).singleElement()
                .satisfies(p -> assertThat(p).containsExactly("geography-service", "geography.directory", "/d/x=y.csv"));
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbers() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--fast"})).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--responses", "lots"})).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--concurrency", "0"})).hasMessageContaining("positive");
    }
}
