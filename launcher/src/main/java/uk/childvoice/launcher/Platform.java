package uk.childvoice.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import uk.childvoice.contracts.Topics;
import uk.childvoice.contracts.crypto.FieldCipher;

/**
 * The whole platform on one machine: Kafka, PostgreSQL and Keycloak, then the four packaged services
 * as separate processes, all on 127.0.0.1. Used by the local stack and by the system tests, so the two
 * start exactly the same system. Closing it stops everything it started, in reverse order.
 */
public final class Platform implements AutoCloseable {
    public static final String INTAKE = "survey-intake";
    public static final String GEOGRAPHY = "geography-service";
    public static final String ANONYMISER = "anonymiser";
    public static final String REPORTING = "reporting-service";
    public static final List<String> SERVICES = List.of(INTAKE, GEOGRAPHY, ANONYMISER, REPORTING);
    public static final List<String> DATABASES = List.of("intake", "reporting");

    private static final Duration SERVICE_START = Duration.ofSeconds(120);
    private static final Duration KEYCLOAK_START = Duration.ofMinutes(6);
    /** How long {@link #close()} waits for a component that is still starting, so that it can be stopped. */
    private static final Duration START_WAIT_ON_CLOSE = Duration.ofSeconds(90);

    private final List<AutoCloseable> started = new ArrayList<>();
    /** Stops everything if the JVM is asked to exit (Ctrl-C, SIGTERM) before or without {@link #close()}. */
    private final Thread stopOnExit = new Thread(this::close, "platform-stop-on-exit");
    private boolean closed;
    /** Components the starting thread is starting right now; {@link #close()} waits for them. */
    private int starting;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Runnable> restarts = new LinkedHashMap<>();
    private final Path logDir;
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private KeycloakServer keycloak;
    private CompletableFuture<KeycloakServer> keycloakStart;
    private final String fieldKeyring;
    private final String flagKeyring;

    private Platform(Path logDir) {
        this.logDir = logDir;
        this.fieldKeyring = "k1:" + FieldCipher.generateKey();
        this.flagKeyring = "f1:" + FieldCipher.generateKey();
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts everything and waits until every service is ready; on failure stops what it started. */
    public static Platform start(PlatformOptions options, Consumer<String> progress) {
        Platform platform = new Platform(options.workDir.resolve("logs"));
        try {
            platform.startAll(options, progress);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(PlatformOptions o, Consumer<String> progress) {
        progress.accept("starting Keycloak (the first start on a machine builds it once: about 2 minutes)");
        keycloakStart = CompletableFuture.supplyAsync(
                () -> KeycloakServer.start(o.workDir.resolve("keycloak"), o.keycloakPort, KEYCLOAK_START));

        progress.accept("starting Kafka (KRaft)");
        kafka = startTracked(() -> KafkaBroker.start(o.workDir.resolve("kafka"), o.kafkaPort, o.partitions));
        createTopics(o.partitions);
        progress.accept("Kafka ready at " + kafka.bootstrapServers());

        progress.accept("starting PostgreSQL");
        postgres = startTracked(() -> PostgresServer.start(o.workDir.resolve("postgres"), o.postgresPort, DATABASES));
        progress.accept("PostgreSQL ready on 127.0.0.1:" + postgres.port());

        for (String service : List.of(INTAKE, GEOGRAPHY, ANONYMISER)) {
            startService(o, service);
        }
        keycloak = join(keycloakStart);
        track(keycloak);
        progress.accept("Keycloak ready at " + keycloak.baseUrl());
        startService(o, REPORTING);
        for (ServiceProcess service : services.values()) {
            service.awaitReady(SERVICE_START);
            progress.accept(service.name() + " ready at " + service.baseUrl());
        }
    }

    private void startService(PlatformOptions o, String service) {
        Map<String, String> props = new LinkedHashMap<>(propertiesFor(service));
        props.putAll(o.extraProperties.getOrDefault(service, Map.of()));
        int port = o.portOf(service);
        Runnable launch = () -> {
            ServiceProcess process = startTracked(() -> ServiceProcess.start(service, port, props, o.serviceJvmOptions, logDir));
            services.put(service, process);
        };
        restarts.put(service, launch);
        launch.run();
    }

    /**
     * Stops one service and starts it again on the same port with the same settings (as a pod restart
     * would), then waits until it is ready: for tests of what must survive a restart.
     */
    public ServiceProcess restart(String name) {
        pause(name);
        return resume(name);
    }

    /**
     * Stops one service until {@link #resume(String)}: a stream consumer stops reading (its group keeps its
     * offsets), its port stays assigned. The benchmark uses it to measure intake with nothing else consuming CPU.
     */
    public void pause(String name) {
        ServiceProcess old = service(name);
        old.close();
        synchronized (this) {
            started.remove(old);
        }
    }

    /** Starts a paused service again on the same port with the same settings and waits until it is ready. */
    public ServiceProcess resume(String name) {
        restarts.get(name).run();
        return service(name).awaitReady(SERVICE_START);
    }

    /** The configuration each service gets (keys documented in docs/conventions.md). */
    private Map<String, String> propertiesFor(String service) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        switch (service) {
            case INTAKE -> {
                fieldEncryption(p, "intake");
                datasource(p, "intake");
            }
            case GEOGRAPHY -> fieldEncryption(p, "geography");
            case ANONYMISER -> {
                fieldEncryption(p, "anonymiser");
                p.put("anonymiser.flag-encryption.active-key-id", "f1");
                p.put("anonymiser.flag-encryption.keyring", flagKeyring);
            }
            case REPORTING -> {
                datasource(p, "reporting");
                p.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
                p.put("quarkus.oidc.credentials.secret", keycloak.reportingClientSecret());
                for (String upstream : List.of(INTAKE, GEOGRAPHY, ANONYMISER)) {
                    ServiceProcess s = services.get(upstream);
                    if (s != null) {
                        p.put("reporting.ledger.sources." + upstream, s.baseUrl() + "/q/metrics");
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown service " + service);
        }
        return p;
    }

    private void fieldEncryption(Map<String, String> p, String prefix) {
        p.put(prefix + ".field-encryption.active-key-id", "k1");
        p.put(prefix + ".field-encryption.keyring", fieldKeyring);
    }

    private void datasource(Map<String, String> p, String database) {
        p.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(database));
        p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
        p.put("quarkus.datasource.username", postgres.username());
        p.put("quarkus.datasource.password", postgres.password());
    }

    private void createTopics(int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            // Raw and located topics hold personal data (encrypted): hours, not weeks.
            Map<String, String> hours = Map.of("retention.ms", Long.toString(Duration.ofHours(24).toMillis()));
            topics.add(new NewTopic(Topics.RAW, partitions, (short) 1).configs(hours));
            topics.add(new NewTopic(Topics.LOCATED, partitions, (short) 1).configs(hours));
            topics.add(new NewTopic(Topics.DEIDENTIFIED, partitions, (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(Duration.ofDays(7).toMillis()))));
            topics.add(new NewTopic(Topics.SAFEGUARDING_FLAG, 1, (short) 1));
            topics.add(new NewTopic(Topics.deadLetter(Topics.RAW, GEOGRAPHY), 1, (short) 1).configs(hours));
            topics.add(new NewTopic(Topics.deadLetter(Topics.LOCATED, ANONYMISER), 1, (short) 1).configs(hours));
            topics.add(new NewTopic(Topics.deadLetter(Topics.DEIDENTIFIED, REPORTING), 1, (short) 1));
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating topics failed: " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    public ServiceProcess service(String name) {
        ServiceProcess s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return s;
    }

    public Map<String, ServiceProcess> services() {
        return Map.copyOf(services);
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public Path logDir() {
        return logDir;
    }

    /** Remembers a started component; if the platform was closed meanwhile (JVM exiting), stops it at once. */
    private synchronized void track(AutoCloseable component) {
        if (!adopt(component)) {
            throw new IllegalStateException("the platform was stopped while starting");
        }
    }

    /** Adds a component that is up to what close() stops, or stops it now if close() has run. Holds the lock. */
    private boolean adopt(AutoCloseable component) {
        if (closed) {
            stopQuietly(component);
            return false;
        }
        started.add(component);
        return true;
    }

    /**
     * Starts a component and remembers it. While it starts, {@link #close()} waits for it (the JVM would otherwise
     * halt with a half-started PostgreSQL or service left running); if the platform was closed meanwhile, the
     * component is stopped as soon as it is up.
     */
    private <T extends AutoCloseable> T startTracked(java.util.function.Supplier<T> start) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the platform was stopped while starting");
            }
            starting++;
        }
        T component = null;
        boolean adopted = false;
        try {
            component = start.get();
        } finally {
            synchronized (this) {
                starting--;
                adopted = component != null && adopt(component);
                notifyAll();
            }
        }
        if (!adopted) {
            throw new IllegalStateException("the platform was stopped while starting");
        }
        return component;
    }

    private static void stopQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            System.err.println("stopping " + component.getClass().getSimpleName() + " failed: " + e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting; the hook is running or will find the platform closed
            }
        }
        long deadline = System.nanoTime() + START_WAIT_ON_CLOSE.toNanos();
        while (starting > 0 && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (keycloak == null && keycloakStart != null) {
            // Started in the background and not yet handed over: wait for it so no process is orphaned.
            try {
                started.add(0, keycloakStart.join());
            } catch (RuntimeException failedToStart) {
                // nothing to stop
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            stopQuietly(started.get(i));
        }
        started.clear();
    }
}
