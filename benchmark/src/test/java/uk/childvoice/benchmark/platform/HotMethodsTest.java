package uk.childvoice.benchmark.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

class HotMethodsTest {

    @Test
    void attributesExecutionSamplesToTheProjectsOwnHotMethod(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("burn.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            burnCpu(Duration.ofMillis(1_500));
            recording.stop();
            recording.dump(file);
        }

        HotMethods.Profile profile = HotMethods.of(file, 5);

        assertThat(Files.size(file)).isPositive();
        assertThat(profile.samples()).isPositive();
        assertThat(profile.ownCodeTop().keySet()).first().isEqualTo("HotMethodsTest.burnCpu");
        assertThat(profile.packageTop()).isNotEmpty();
        assertThat(HotMethods.library("io.netty.buffer.PooledByteBuf")).isEqualTo("io.netty.buffer");
        assertThat(HotMethods.library("java.util.regex.Pattern$Branch")).isEqualTo("java.util");
    }

    private static long burnCpu(Duration howLong) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long end = System.nanoTime() + howLong.toNanos();
        long n = 0;
        while (System.nanoTime() < end) {
            sha.update(Long.toString(n++).getBytes());
            sha.digest();
        }
        return n;
    }
}
