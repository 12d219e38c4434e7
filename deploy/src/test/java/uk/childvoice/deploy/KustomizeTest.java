package uk.childvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering fails loudly: no kubectl, or a broken kustomization, is a failed build, never a skipped check. */
class KustomizeTest {

    @Test
    void aMissingKubectlFailsWithTheInstallLine(@TempDir Path emptyDirectory) {
        assertThatThrownBy(() -> Kustomize.locateKubectl(null, emptyDirectory.toString()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kubectl was not found on PATH")
                .hasMessageContaining("apt-get install -y kubernetes-client");
    }

    @Test
    void aBrokenKustomizationFailsWithKubectlsMessage(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

        assertThatThrownBy(() -> Kustomize.render(directory))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("kubectl kustomize")
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void yamlDatesStayStrings() {
        assertThat(Kustomize.parse("kind: ConfigMap\ndata:\n  edition: 2025-11-01\n").get(0).at("data", "edition"))
                .isEqualTo("2025-11-01");
    }
}
