package uk.childvoice.intake.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of survey-intake, all under the {@code intake.} prefix. */
@ConfigMapping(prefix = "intake")
public interface IntakeConfig {

    /** Keys for the personal fields of the raw event (postcode, school, free text). */
    FieldEncryption fieldEncryption();

    /** Publishing to Kafka. */
    Delivery delivery();

    /** Save-and-resume sessions. */
    Sessions sessions();

    /** How submission ids are written to PostgreSQL (group commit, durability of the commit). */
    SubmissionStore submissionStore();

    /** Request rate limits (never keyed on an IP address). */
    RateLimit rateLimit();

    /** The cookie-free proof-of-work bot check. */
    ProofOfWork proofOfWork();

    /** Measurement aids; all off in production. */
    Benchmark benchmark();

    interface Benchmark {
        /**
         * Serves {@code POST /api/v1/benchmark/noop}, which answers 202 and does nothing: the baseline of the
         * same HTTP stack that the benchmark compares intake with. Off (404) unless a benchmark turns it on.
         */
        @WithDefault("false")
        boolean noopEnabled();
    }

    interface FieldEncryption {
        /** Id of the key new ciphertext is written with; must be in the keyring. */
        String activeKeyId();

        /** {@code id:base64[,id:base64...]} of 32-byte AES keys, from a Secret. Old keys stay for decryption. */
        String keyring();
    }

    interface Delivery {
        /**
         * Producer settings for the raw topic applied over the shared {@code kafka.*} ones, e.g.
         * {@code intake.delivery.producer."compression.type"=lz4}. {@code acks} and idempotence cannot be changed.
         */
        java.util.Map<String, String> producer();

        /** Topic of accepted responses. */
        @WithDefault("survey.response.raw.v1")
        String topic();

        /** Seconds a client is told to wait ({@code Retry-After}) when the broker is unavailable. */
        @WithDefault("5")
        int retryAfterSeconds();

        /**
         * After a failed send, requests fail fast with 503 for this long instead of queueing behind
         * a dead broker; then the next request probes the broker again.
         */
        @WithDefault("2s")
        Duration failFastAfterError();

        /** Upper bound on how long a request waits for the acknowledgement (beyond Kafka's own delivery timeout). */
        @WithDefault("30s")
        Duration ackTimeout();

        /**
         * A submission id claimed by a replica that died before the broker answered is taken over
         * after this long (must exceed the producer's delivery timeout).
         */
        @WithDefault("60s")
        Duration claimTimeout();
    }

    interface SubmissionStore {
        /** Most claims (or accepts, or releases) sent to PostgreSQL as one statement. */
        @WithDefault("256")
        int batchMaxSize();

        /**
         * Most batches of one kind running at once. A new batch is sent at once while fewer are running
         * (a lone request never waits); otherwise requests gather until one finishes. One, because every
         * statement has a fixed cost in PostgreSQL: in the benchmark's replay, one in flight instead of two
         * cut the intake database's CPU by 37% (0.137 to 0.086 ms a response) with no longer waits.
         */
        @WithDefault("1")
        int batchMaxInFlight();

        /**
         * PostgreSQL {@code synchronous_commit} for the claim, accept and release statements only (sessions
         * always commit synchronously). {@code off}: the statement does not wait for its WAL flush; a
         * PostgreSQL or host crash can forget the last ~0.6 s of these commits, which costs at most a
         * repeat published twice (consumers drop it by response id) and never a response (see the README).
         * {@code on} restores the flush wait.
         */
        @WithDefault("off")
        SynchronousCommit synchronousCommit();
    }

    /** The {@code synchronous_commit} values a submission statement may use. */
    enum SynchronousCommit {
        ON("on"),
        OFF("off"),
        LOCAL("local");

        private final String sql;

        SynchronousCommit(String sql) {
            this.sql = sql;
        }

        /** The value as PostgreSQL spells it. */
        public String sql() {
            return sql;
        }
    }

    interface Sessions {
        /** How long a saved session lives before it is deleted. */
        @WithDefault("P14D")
        Duration ttl();

        /** Groups of four characters in an access code (4 groups = 16 characters, ~78 bits). */
        @WithDefault("4")
        int accessCodeGroups();
    }

    interface RateLimit {
        /** Sustained requests per second per questionnaire on one replica (a flood guard, not a per-person limit). */
        @WithDefault("500")
        int perQuestionnairePerSecond();

        /** Burst allowance per questionnaire. */
        @WithDefault("1000")
        int perQuestionnaireBurst();

        /** Requests per minute allowed for one access code. */
        @WithDefault("60")
        int perAccessCodePerMinute();
    }

    interface ProofOfWork {
        /** Whether responses and new sessions must carry a solved challenge ({@code X-Proof-Of-Work} header). */
        @WithDefault("true")
        boolean enabled();

        /** Largest secret number of a challenge; the client tries on average half of these SHA-256 hashes. */
        @WithDefault("100000")
        long maxNumber();

        /** How long a challenge may be solved and used. */
        @WithDefault("10m")
        Duration challengeTtl();

        /**
         * Most spent challenges remembered per replica until they expire (at most 32 bytes each: the default
         * is at most 32 MB, room for 1,666 proofs a second sustained over a 10-minute lifetime). When full,
         * requests get 429 rather than a spent challenge being forgotten early.
         */
        @WithDefault("1000000")
        int maxSpent();

        /**
         * HMAC key (base64, at least 32 bytes) that signs challenges; every replica needs the same one.
         * When absent a random key is made at start, which suits a single replica only.
         */
        Optional<String> hmacKey();
    }
}
