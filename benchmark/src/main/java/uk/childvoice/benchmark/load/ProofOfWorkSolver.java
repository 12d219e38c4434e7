package uk.childvoice.benchmark.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Solves survey-intake's ALTCHA-style challenge ({@code GET /api/v1/challenge}) as a browser does: find
 * the number n with {@code SHA-256(salt + n) == challenge} by trying 0, 1, 2, … and answer with the
 * base64 JSON payload for the {@code X-Proof-Of-Work} header. Written here rather than taken from the
 * intake module because it is the client's half (the intake is a Quarkus app, not a library), and it
 * compares raw digests instead of hex strings so the driver spends as little CPU as a client can.
 */
public final class ProofOfWorkSolver {
    /** The header survey-intake reads the solution from. */
    public static final String HEADER = "X-Proof-Of-Work";
    /** Where survey-intake serves challenges. */
    public static final String CHALLENGE_PATH = "/api/v1/challenge";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ProofOfWorkSolver() {
    }

    /** The header value for a challenge ({@code {algorithm, challenge, maxnumber, salt, signature}}). */
    public static String solve(JsonNode challenge) {
        String algorithm = challenge.path("algorithm").asText();
        if (!"SHA-256".equals(algorithm)) {
            throw new IllegalArgumentException("unsupported proof-of-work algorithm " + algorithm);
        }
        String target = challenge.path("challenge").asText();
        String salt = challenge.path("salt").asText();
        long max = challenge.path("maxnumber").asLong();
        long n = find(salt, HexFormat.of().parseHex(target), max);
        String json = "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + target + "\",\"number\":" + n + ",\"salt\":\"" + salt
                + "\",\"signature\":\"" + challenge.path("signature").asText() + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static long find(String salt, byte[] target, long max) {
        MessageDigest sha = SHA256.get();
        byte[] prefix = salt.getBytes(StandardCharsets.UTF_8);
        for (long n = 0; n <= max; n++) {
            sha.update(prefix);
            sha.update(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
            if (MessageDigest.isEqual(sha.digest(), target)) {
                return n;
            }
        }
        throw new IllegalArgumentException("the challenge has no solution up to " + max);
    }
}
