package uk.childvoice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
    void onlyTheReportingServiceGetsAFixedYoungGenerationAndATighterOldOne() {
        assertThat(ServiceProcess.heapShape("reporting-service")).contains("-Xmn32m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40");
        assertThat(ServiceProcess.heapShape("anonymiser")).isEmpty();
        assertThat(ServiceProcess.heapShape("survey-intake")).isEmpty();
    }

    @Test
    void environmentNamesFollowQuarkusMapping() {
        assertThat(ServiceProcess.environmentName("intake.field-encryption.keyring")).isEqualTo("INTAKE_FIELD_ENCRYPTION_KEYRING");
        assertThat(ServiceProcess.environmentName("quarkus.oidc.credentials.secret")).isEqualTo("QUARKUS_OIDC_CREDENTIALS_SECRET");
    }
}
