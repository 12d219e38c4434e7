package uk.childvoice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void keyringsPasswordsAndClientSecretsTravelInTheEnvironment() {
        assertThat(ServiceProcess.isSecret("intake.field-encryption.keyring")).isTrue();
        assertThat(ServiceProcess.isSecret("quarkus.datasource.password")).isTrue();
        assertThat(ServiceProcess.isSecret("quarkus.oidc.credentials.secret")).isTrue();
        assertThat(ServiceProcess.isSecret("quarkus.datasource.jdbc.url")).isFalse();
    }

    @Test
    void theReportingServiceGetsASmallYoungGenerationAndATighterOldOneTheOthersALargerYoungOne() {
        assertThat(ServiceProcess.memoryOptions("reporting-service")).contains("-Xmn32m", "-XX:MinHeapFreeRatio=15", "-XX:MaxHeapFreeRatio=30");
        assertThat(ServiceProcess.memoryOptions("survey-intake")).containsExactly("-Xmn64m");
        assertThat(ServiceProcess.memoryOptions("anonymiser")).containsExactly("-Xmn48m");
        assertThat(ServiceProcess.memoryOptions("geography-service")).containsExactly("-Xmn40m");
        assertThat(ServiceProcess.memoryOptions("launcher")).isEmpty();
    }

    @Test
    void aCallersHeapOptionsComeAfterTheServicesOwnSoTheyWin() {
        Path jar = Path.of("survey-intake/target/quarkus-app/quarkus-run.jar");
        List<String> command = ServiceProcess.command("survey-intake", jar, 8080, Map.of(), List.of("-Xmn16m"));
        assertThat(command.indexOf("-Xmn16m")).isGreaterThan(command.indexOf("-Xmn64m"));
    }

    @Test
    void everyServiceRunsWithoutTieredCompilationUnlessTheCallerAsksForIt() {
        Path jar = Path.of("anonymiser/target/quarkus-app/quarkus-run.jar");
        List<String> plain = ServiceProcess.command("anonymiser", jar, 8081, Map.of("kafka.bootstrap.servers", "127.0.0.1:9092"), List.of());
        assertThat(plain).contains("-XX:-TieredCompilation", "-Dkafka.bootstrap.servers=127.0.0.1:9092", "-Dquarkus.http.host=127.0.0.1")
                .endsWith("-jar", jar.toString());

        List<String> tiered = ServiceProcess.command("anonymiser", jar, 8081, Map.of(), List.of("-XX:+TieredCompilation"));
        assertThat(tiered.indexOf("-XX:+TieredCompilation")).isGreaterThan(tiered.indexOf("-XX:-TieredCompilation"));
    }

    @Test
    void theReportingServicesHeapOptionsComeBeforeTheCallersSoTheCallersWin() {
        Path jar = Path.of("reporting-service/target/quarkus-app/quarkus-run.jar");
        List<String> command = ServiceProcess.command("reporting-service", jar, 8083, Map.of(), List.of("-Xmn64m"));
        assertThat(command).contains("-Xmn32m", "-XX:MaxHeapFreeRatio=30");
        assertThat(command.indexOf("-Xmn64m")).isGreaterThan(command.indexOf("-Xmn32m"));
        assertThat(ServiceProcess.command("survey-intake", jar, 8080, Map.of(), List.of())).doesNotContain("-Xmn32m");
    }

    @Test
    void environmentNamesFollowQuarkusMapping() {
        assertThat(ServiceProcess.environmentName("intake.field-encryption.keyring")).isEqualTo("INTAKE_FIELD_ENCRYPTION_KEYRING");
        assertThat(ServiceProcess.environmentName("quarkus.oidc.credentials.secret")).isEqualTo("QUARKUS_OIDC_CREDENTIALS_SECRET");
    }
}
