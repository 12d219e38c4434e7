package uk.childvoice.intake.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProofOfWorkTest {
    final ProofOfWork pow = new ProofOfWork(true, 5_000, Duration.ofMinutes(5), Optional.empty(), new ObjectMapper());

    @Test
    void acceptsASolvedChallengeOnce() {
        String solution = ProofOfWork.solve(pow.challenge());
        pow.verify(solution);
        assertThatThrownBy(() -> pow.verify(solution)).isInstanceOf(ProofOfWorkException.class).hasMessageContaining("already used");
    }

    @Test
    void rejectsMissingGarbledOrForgedSolutions() {
        assertThatThrownBy(() -> pow.verify(null)).isInstanceOf(ProofOfWorkException.class);
        assertThatThrownBy(() -> pow.verify("not-base64!")).isInstanceOf(ProofOfWorkException.class);
        ProofOfWork.Challenge c = pow.challenge();
        String wrongNumber = Base64.getEncoder().encodeToString(("{\"algorithm\":\"SHA-256\",\"challenge\":\"" + c.challenge()
                + "\",\"number\":-0,\"salt\":\"" + c.salt() + "\",\"signature\":\"" + c.signature() + "\"}").getBytes(StandardCharsets.UTF_8));
        if (!c.challenge().equals(sha("0", c))) {
            assertThatThrownBy(() -> pow.verify(wrongNumber)).isInstanceOf(ProofOfWorkException.class);
        }
        // A challenge signed by another server (another key) does not verify.
        ProofOfWork other = new ProofOfWork(true, 5_000, Duration.ofMinutes(5), Optional.empty(), new ObjectMapper());
        String foreign = ProofOfWork.solve(other.challenge());
        assertThatThrownBy(() -> pow.verify(foreign)).isInstanceOf(ProofOfWorkException.class).hasMessageContaining("does not verify");
    }

    @Test
    void rejectsAnExpiredChallenge() {
        ProofOfWork expired = new ProofOfWork(true, 5_000, Duration.ofSeconds(-1), Optional.empty(), new ObjectMapper());
        String solution = ProofOfWork.solve(expired.challenge());
        assertThatThrownBy(() -> expired.verify(solution)).isInstanceOf(ProofOfWorkException.class).hasMessageContaining("expired");
    }

    @Test
    void isANoOpWhenDisabled() {
        new ProofOfWork(false, 5_000, Duration.ofMinutes(5), Optional.empty(), new ObjectMapper()).verify(null);
    }

    @Test
    void whenTheSpentChallengeStoreIsFullNewProofsAreRefusedWith429AndNoneIsForgotten() {
        ProofOfWork small = new ProofOfWork(true, 5_000, Duration.ofMinutes(5), Optional.empty(), new ObjectMapper(), 2);
        String first = ProofOfWork.solve(small.challenge());
        small.verify(first);
        small.verify(ProofOfWork.solve(small.challenge()));

        assertThatThrownBy(() -> small.verify(ProofOfWork.solve(small.challenge()))).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> small.verify(first)).isInstanceOf(ProofOfWorkException.class).hasMessageContaining("already used");
        assertThat(small.spentCount()).isEqualTo(2);
    }

    private static String sha(String n, ProofOfWork.Challenge c) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((c.salt() + n).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
