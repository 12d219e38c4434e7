package uk.childvoice.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** The driver against a real Vert.x server on 127.0.0.1 that answers as intake does. */
class LoadDriverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicInteger posted = new AtomicInteger();
    private static final Set<String> spentChallenges = ConcurrentHashMap.newKeySet();
    private static final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(req -> {
            switch (req.path()) {
                case "/ok" -> req.body().onSuccess(b -> {
                    bodies.add(b.toString());
                    posted.incrementAndGet();
                    req.response().setStatusCode(202).end();
                });
                // Every third request refused, as a rate-limited or overloaded intake would.
                case "/flaky" -> req.response().setStatusCode(posted.incrementAndGet() % 3 == 0 ? 503 : 202).end("{\"status\":503}");
                case "/slow" -> vertx.setTimer(50, t -> req.response().setStatusCode(202).end());
                case "/api/v1/challenge" -> req.response().putHeader("Content-Type", "application/json").end(challenge());
                case "/pow" -> req.response().setStatusCode(verified(req.getHeader("X-Proof-Of-Work")) ? 202 : 400).end();
                default -> req.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static URI target() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    @Test
    void sendsExactlyTheBoundedCountAndRecordsEveryLatency() {
        posted.set(0);
        bodies.clear();
        try (LoadDriver driver = new LoadDriver(target(), 1, 16)) {
            LoadResult r = driver.run(new LoadDriver.Plan("ok", 16, 2_000, Duration.ofSeconds(30), Duration.ofSeconds(1), false),
                    i -> PreparedRequest.postJson("/ok", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)), line -> { });

            assertThat(r.succeeded()).isEqualTo(2_000);
            assertThat(r.errors()).isEmpty();
            assertThat(r.latency().getTotalCount()).isEqualTo(2_000);
            assertThat(r.percentileMillis(50)).isPositive().isLessThanOrEqualTo(r.percentileMillis(99));
            assertThat(r.throughput()).isPositive();
        }
        assertThat(posted.get()).isEqualTo(2_000);
        assertThat(new java.util.HashSet<>(bodies)).hasSize(2_000).contains("{\"n\":0}", "{\"n\":1999}");
    }

    @Test
    void countsRefusalsByStatusAndKeepsASample() {
        posted.set(0);
        try (LoadDriver driver = new LoadDriver(target(), 2, 8)) {
            LoadResult r = driver.run(new LoadDriver.Plan("flaky", 8, 900, Duration.ofSeconds(30), Duration.ofSeconds(1), false),
                    i -> PreparedRequest.postJson("/flaky", new byte[] {'{', '}'}), line -> { });

            assertThat(r.total()).isEqualTo(900);
            assertThat(r.errors()).containsOnlyKeys("503");
            assertThat(r.errors().get("503")).isEqualTo(300);
            assertThat(r.sampleErrors()).containsKey("503");
        }
    }

    @Test
    void stopsAtTheTimeBoundAndReportsProgressMeanwhile() {
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LoadDriver driver = new LoadDriver(target(), 1, 4)) {
            long begin = System.nanoTime();
            LoadResult r = driver.run(new LoadDriver.Plan("slow", 4, 1_000_000, Duration.ofMillis(1_500), Duration.ofMillis(400), false),
                    i -> new PreparedRequest("GET", "/slow", java.util.Map.of(), new byte[0]), progress::add);

            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
            assertThat(r.succeeded()).isBetween(40L, 200L);
            assertThat(r.percentileMillis(50)).isGreaterThanOrEqualTo(45);
        }
        assertThat(progress).isNotEmpty().allMatch(l -> l.startsWith("slow: "));
    }

    @Test
    void fetchesAndSolvesAFreshChallengeForEveryRequest() {
        spentChallenges.clear();
        try (LoadDriver driver = new LoadDriver(target(), 1, 8)) {
            LoadResult r = driver.run(new LoadDriver.Plan("pow", 8, 300, Duration.ofSeconds(30), Duration.ofSeconds(1), true),
                    i -> PreparedRequest.postJson("/pow", new byte[] {'{', '}'}), line -> { });

            assertThat(r.succeeded()).isEqualTo(300);
            assertThat(r.errors()).isEmpty();
        }
        assertThat(spentChallenges).hasSize(300);
    }

    @Test
    void refusesTargetsOffTheLoopbackInterface() {
        assertThatThrownBy(() -> new LoadDriver(URI.create("http://example.com:80"), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    // A challenge in survey-intake's format: SHA-256(salt + n) as hex, for a secret n ≤ maxnumber.
    private static String challenge() {
        String salt = HexFormat.of().formatHex(new byte[] {(byte) spentChallenges.size(), 7, 9}) + System.nanoTime() + "?expires=9999999999";
        long n = java.util.concurrent.ThreadLocalRandom.current().nextLong(51);
        return "{\"algorithm\":\"SHA-256\",\"challenge\":\"" + sha256(salt + n) + "\",\"maxnumber\":50,\"salt\":\"" + salt
                + "\",\"signature\":\"sig\"}";
    }

    private static boolean verified(String header) {
        try {
            JsonNode p = JSON.readTree(Base64.getDecoder().decode(header));
            return sha256(p.path("salt").asText() + p.path("number").asLong()).equals(p.path("challenge").asText())
                    && "sig".equals(p.path("signature").asText()) && spentChallenges.add(p.path("challenge").asText());
        } catch (Exception e) {
            return false;
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
