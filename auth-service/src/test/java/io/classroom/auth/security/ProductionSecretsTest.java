package io.classroom.auth.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Production refuses weak secrets, naming the setting and never the value; other profiles are not checked. */
class ProductionSecretsTest {

    private static final String KEY = "auth.keys.encryption-key";
    private static final String OPERATOR = "auth.bootstrap.admin-password";
    private static final String KAFKA = "kafka.sasl.jaas.config";

    private static Map<String, String> strong() {
        Map<String, String> values = new HashMap<>();
        values.put("quarkus.datasource.username", "auth");
        values.put("quarkus.datasource.password", "Xq7-database-secret-42");
        values.put("quarkus.redis.hosts", "redis://auth-service:Xq7-redis%40secret-42@redis:6379");
        values.put(KAFKA, jaas("auth-service", "Xq7-kafka-secret-42"));
        values.put(KEY, "q0Xk2m5Vn8Yb1Zc4Wd7Ef0Gh3Ij6Kl9Mn2Op5Qr8St1=");
        values.put("auth.bootstrap.admin-email", "operator@school.example");
        values.put(OPERATOR, "Xq7 the operator's long passphrase");
        return values;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static SmallRyeConfig config(String profile, Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    @Test
    void strongSecretsStart() {
        assertThatCode(() -> ProductionSecrets.verify(config("prod", strong()))).doesNotThrowAnyException();
    }

    @Test
    void withoutABootstrapPasswordNoOperatorIsCreatedAndNothingIsChecked() {
        var values = strong();
        values.remove(OPERATOR);
        assertThatCode(() -> ProductionSecrets.verify(config("prod", values))).doesNotThrowAnyException();
    }

    @Test
    void otherProfilesAreNotChecked() {
        assertThatCode(() -> ProductionSecrets.verify(config("test", Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> ProductionSecrets.verify(config("local", Map.of(OPERATOR, "admin-dev-password"))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "quarkus.datasource.password | NULL | quarkus.datasource.password is missing",
                "quarkus.datasource.password | auth | quarkus.datasource.password is a development value",
                "quarkus.datasource.password | Kq9#shortish | quarkus.datasource.password is shorter than 16",
                "quarkus.datasource.username | Xq7-database-secret-42 | quarkus.datasource.password equals its user",
                "quarkus.redis.hosts | NULL | the password in quarkus.redis.hosts is missing",
                "quarkus.redis.hosts | redis://redis:6379 | the password in quarkus.redis.hosts is missing",
                "quarkus.redis.hosts | redis://default:auth@redis:6379 | quarkus.redis.hosts is a development",
                "quarkus.redis.hosts | redis://:Zr4-tiny@redis:6379 | quarkus.redis.hosts is shorter than 16",
                "kafka.sasl.jaas.config | NULL | the password in kafka.sasl.jaas.config is missing",
                "kafka.sasl.jaas.config | username=\"auth-service\" | kafka.sasl.jaas.config is missing",
                "auth.keys.encryption-key | NULL | auth.keys.encryption-key is missing",
                "auth.keys.encryption-key | ZGV2LW9ubHktYXV0aC1rZXktZW5jcnlwdGlvbi0zMmI= | encryption-key is a development",
                "auth.keys.encryption-key | Kq9#shortish | auth.keys.encryption-key is shorter than 16",
                "auth.bootstrap.admin-password | admin-dev-password | admin-password is a development value",
                "auth.bootstrap.admin-password | Kq9#shortish | auth.bootstrap.admin-password is shorter than 16",
                "auth.bootstrap.admin-password | Operator@School.example | admin-password equals its user name",
                "auth.bootstrap.admin-password | Xq7-this-passphrase-is-far-too-long-for-bcrypt-which-reads-only-72-bytes-of-it | admin-password fails the password policy",
            })
    void aWeakSecretStopsTheStartNamingTheSettingNotTheValue(String setting, String value, String message) {
        var values = strong();
        if (value == null) {
            values.remove(setting);
        } else {
            values.put(setting, value);
        }
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(message)
                .message()
                .doesNotContain(
                        "Kq9#shortish",
                        "Zr4-tiny",
                        "Xq7-database-secret-42",
                        "ZGV2LW9ubHktYXV0aC1rZXktZW5jcnlwdGlvbi0zMmI=",
                        "admin-dev-password",
                        "-far-too-long-for-bcrypt-");
    }

    @Test
    void aKafkaPasswordEqualToItsUserOrADevelopmentValueIsRefused() {
        var values = strong();
        values.put(KAFKA, jaas("auth-service-kafka-user", "auth-service-kafka-user"));
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("kafka.sasl.jaas.config equals its user name");
        values.put(KAFKA, jaas("auth-service", "admin-dev-password"));
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("kafka.sasl.jaas.config is a development value")
                .message()
                .doesNotContain("admin-dev-password");
    }

    @Test
    void anUnsetEnvironmentVariableCountsAsMissing() {
        var values = strong();
        values.put(KEY, "${AUTH_KEY_ENCRYPTION_KEY_NOT_SET_IN_THIS_TEST}");
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("auth.keys.encryption-key is missing");
    }
}
