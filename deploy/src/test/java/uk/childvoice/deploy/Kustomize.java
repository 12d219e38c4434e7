package uk.childvoice.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}, offline, and parses the result.
 * A missing kubectl is a failure with instructions, never a skipped test.
 */
public final class Kustomize {

    /** Where the manifests live: deploy/k8s (set by the pom; falls back to the module's working directory). */
    public static final Path K8S_DIR = Path.of(System.getProperty("deploy.k8s.dir", "k8s"));

    private static final Map<Path, List<K8sObject>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The rendered objects of an overlay under deploy/k8s/overlays (rendered once per test JVM). */
    public static List<K8sObject> overlay(String name) {
        Path dir = K8S_DIR.resolve("overlays").resolve(name).toAbsolutePath().normalize();
        return RENDERED.computeIfAbsent(dir, Kustomize::render).stream().map(K8sObject::copy).toList();
    }

    static List<K8sObject> render(Path dir) {
        Path kubectl = locateKubectl(System.getProperty("kubectl"), System.getenv("PATH"));
        ProcessBuilder builder = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString());
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            builder.redirectError(stderr.toFile());
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            String errors = Files.readString(stderr);
            Files.deleteIfExists(stderr);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n" + errors);
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        }
    }

    /**
     * Finds kubectl: the {@code kubectl} system property if given, else the first kubectl on PATH.
     * Fails with the install line when there is none: these tests validate nothing without it.
     */
    static Path locateKubectl(String explicit, String path) {
        if (explicit != null && !explicit.isBlank()) {
            Path given = Path.of(explicit);
            if (Files.isExecutable(given)) {
                return given;
            }
            throw new AssertionError("-Dkubectl=" + explicit + " is not an executable file");
        }
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path candidate = Path.of(entry, "kubectl");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("""
                kubectl was not found on PATH, so the Kubernetes manifests cannot be rendered and validated.
                Install it (Debian: sudo apt-get install -y kubernetes-client) or point -Dkubectl=/path/to/kubectl at one.
                """);
    }

    /** Parses a multi-document YAML stream into objects, keeping strings as strings (no YAML 1.1 timestamps). */
    public static List<K8sObject> parse(String yamlText) {
        List<K8sObject> objects = new ArrayList<>();
        for (Object document : yaml().loadAll(yamlText)) {
            if (document != null) {
                objects.add(new K8sObject(K8sObject.map(document)));
            }
        }
        return objects;
    }

    /** A SnakeYAML loader that leaves date-like scalars as strings, as Kubernetes' own YAML reader does for strings. */
    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        Resolver resolver = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.BOOL, BOOL, "yYnNtTfFoO");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.INT, INT, "-+0123456789");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.MERGE, MERGE, "<");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
            }
        };
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options, resolver);
    }

    /** Reads every YAML document of a file. */
    public static List<K8sObject> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
