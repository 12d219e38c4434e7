package uk.childvoice.intake.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import uk.childvoice.intake.config.IntakeConfig;

/**
 * A cookie-free bot check in the style of ALTCHA: the server hands out a signed challenge
 * ({@code SHA-256(salt + n)} for a secret random n), the browser finds n by brute force (on average
 * {@code maxNumber / 2} hashes) and sends the solution back in the {@code X-Proof-Of-Work} header as
 * base64 JSON {@code {algorithm, challenge, number, salt, signature}} (the ALTCHA payload format, so
 * the ALTCHA widget works). No third party, no cookie, nothing about the client stored. A solved
 * challenge is spent once per replica and expires.
 */
@ApplicationScoped
public class ProofOfWork {
    public static final String HEADER = "X-Proof-Of-Work";
    private static final Logger LOG = Logger.getLogger(ProofOfWork.class);
    private static final HexFormat HEX = HexFormat.of();

    private final boolean enabled;
    private final long maxNumber;
    private final long ttlSeconds;
    private final SecretKeySpec key;
    private final ObjectMapper mapper;
    // Secure randomness: a predictable secret number would let a bot skip the work. One DRBG per thread:
    // the default NativePRNG is one synchronized source reading /dev/urandom on every call.
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    });
    // Per thread: getInstance is a provider lookup, far dearer than the hash itself.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<Mac> macs;
    private final SpentChallenges spent;

    @jakarta.inject.Inject
    public ProofOfWork(IntakeConfig config, ObjectMapper mapper) {
        this(config.proofOfWork().enabled(), config.proofOfWork().maxNumber(), config.proofOfWork().challengeTtl(),
                config.proofOfWork().hmacKey(), mapper, config.proofOfWork().maxSpent());
    }

    ProofOfWork(boolean enabled, long maxNumber, java.time.Duration ttl, java.util.Optional<String> hmacKey, ObjectMapper mapper) {
        this(enabled, maxNumber, ttl, hmacKey, mapper, 1_000_000);
    }

    ProofOfWork(boolean enabled, long maxNumber, java.time.Duration ttl, java.util.Optional<String> hmacKey, ObjectMapper mapper,
            int maxSpent) {
        this.spent = new SpentChallenges(maxSpent);
        this.enabled = enabled;
        this.maxNumber = maxNumber;
        this.ttlSeconds = ttl.toSeconds();
        this.mapper = mapper;
        byte[] raw;
        if (hmacKey.isPresent()) {
            raw = Base64.getDecoder().decode(hmacKey.get().trim());
            if (raw.length < 32) {
                throw new IllegalArgumentException("intake.proof-of-work.hmac-key must be at least 32 bytes");
            }
        } else {
            raw = new byte[32];
            RANDOM.get().nextBytes(raw);
            if (enabled) {
                LOG.info("No intake.proof-of-work.hmac-key: challenges signed with a per-process key (fine for one replica)");
            }
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A new challenge as served by {@code GET /api/v1/challenge}. */
    public Challenge challenge() {
        byte[] saltBytes = new byte[12];
        RANDOM.get().nextBytes(saltBytes);
        String salt = HEX.formatHex(saltBytes) + "?expires=" + (Instant.now().getEpochSecond() + ttlSeconds);
        long number = RANDOM.get().nextLong(maxNumber + 1);
        String challenge = sha256(salt + number);
        return new Challenge("SHA-256", challenge, maxNumber, salt, hmac(challenge));
    }

    /** The challenge a browser must solve. */
    public record Challenge(String algorithm, String challenge, long maxnumber, String salt, String signature) {
    }

    /** Whether requests must carry a proof of work. */
    public boolean enabled() {
        return enabled;
    }

    /** Accepts a valid unspent solution, or throws {@link ProofOfWorkException}. */
    public void verify(String header) {
        if (!enabled) {
            return;
        }
        if (header == null || header.isBlank() || header.length() > 1024) {
            throw new ProofOfWorkException("missing " + HEADER + " header: solve GET /api/v1/challenge first");
        }
        JsonNode p;
        try {
            p = mapper.readTree(Base64.getDecoder().decode(header.trim()));
        } catch (Exception e) {
            throw new ProofOfWorkException(HEADER + " is not base64 JSON");
        }
        String salt = p.path("salt").asText("");
        String challenge = p.path("challenge").asText("");
        long number = p.path("number").asLong(-1);
        if (!"SHA-256".equals(p.path("algorithm").asText()) || number < 0 || number > maxNumber) {
            throw new ProofOfWorkException("unsupported or malformed proof of work");
        }
        int at = salt.indexOf("?expires=");
        long expires;
        try {
            expires = at < 0 ? 0 : Long.parseLong(salt.substring(at + 9));
        } catch (NumberFormatException e) {
            expires = 0;
        }
        long now = Instant.now().getEpochSecond();
        if (expires < now) {
            throw new ProofOfWorkException("the challenge has expired: fetch a new one");
        }
        if (!MessageDigest.isEqual(hmac(challenge).getBytes(StandardCharsets.US_ASCII),
                p.path("signature").asText("").getBytes(StandardCharsets.US_ASCII))
                || !sha256(salt + number).equals(challenge)) {
            throw new ProofOfWorkException("the proof of work does not verify");
        }
        switch (spent.spend(Long.parseUnsignedLong(challenge, 0, 16, 16), expires)) {
            case ALREADY_SPENT -> throw new ProofOfWorkException("this challenge was already used: fetch a new one");
            // Fail closed: forgetting a spent challenge early would let a bot replay it.
            case FULL -> throw new RateLimitedException(60);
            case SPENT -> {
            }
        }
    }

    /** Forgets spent challenges once they have expired anyway. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        spent.forgetExpiredBefore(Instant.now().getEpochSecond());
    }

    /** Spent challenges remembered now (bounded by {@code intake.proof-of-work.max-spent}). */
    public int spentCount() {
        return spent.size();
    }

    /** Solves a challenge by brute force, as a browser would: for tests and the benchmark. */
    public static String solve(Challenge c) {
        for (long n = 0; n <= c.maxnumber(); n++) {
            if (sha256(c.salt() + n).equals(c.challenge())) {
                String json = "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + c.challenge() + "\",\"number\":" + n
                        + ",\"salt\":\"" + c.salt() + "\",\"signature\":\"" + c.signature() + "\"}";
                return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new IllegalArgumentException("challenge has no solution");
    }

    private static String sha256(String s) {
        return HEX.formatHex(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private String hmac(String s) {
        return HEX.formatHex(macs.get().doFinal(s.getBytes(StandardCharsets.UTF_8)));
    }
}
