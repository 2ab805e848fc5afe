package io.classroom.tracking.security;

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

    private static final String DB = "quarkus.datasource.password";
    private static final String REDIS = "quarkus.redis.hosts";
    private static final String KAFKA = "kafka.sasl.jaas.config";

    private static Map<String, String> strong() {
        Map<String, String> values = new HashMap<>();
        values.put("quarkus.datasource.username", "tracking");
        values.put(DB, "Xq7-database-secret-42");
        values.put(REDIS, "redis://tracking-service:Xq7-redis%40secret-42@redis:6379");
        values.put(KAFKA, jaas("tracking-service", "Xq7-kafka-secret-42"));
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
    void otherProfilesAreNotChecked() {
        assertThatCode(() -> ProductionSecrets.verify(config("test", Map.of()))).doesNotThrowAnyException();
        assertThatCode(() -> ProductionSecrets.verify(config("local", Map.of(DB, "tracking"))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "quarkus.datasource.password | NULL | quarkus.datasource.password is missing",
                "quarkus.datasource.password | tracking | quarkus.datasource.password is a development value",
                "quarkus.datasource.password | postgres | quarkus.datasource.password is a development value",
                "quarkus.datasource.password | Kq9#shortish | quarkus.datasource.password is shorter than 16",
                "quarkus.datasource.username | Xq7-database-secret-42 | quarkus.datasource.password equals its user",
                "quarkus.redis.hosts | redis://redis:6379 | the password in quarkus.redis.hosts is missing",
                "quarkus.redis.hosts | redis://default:tracking@redis:6379 | quarkus.redis.hosts is a development",
                "quarkus.redis.hosts | redis://:Zr4-tiny@redis:6379 | quarkus.redis.hosts is shorter than 16",
                "kafka.sasl.jaas.config | NULL | the password in kafka.sasl.jaas.config is missing",
                "kafka.sasl.jaas.config | username=\"tracking-service\" | kafka.sasl.jaas.config is missing",
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
                .doesNotContain("Kq9#shortish", "Zr4-tiny", "Xq7-database-secret-42");
    }

    @Test
    void aKafkaPasswordEqualToItsUserOrADevelopmentValueIsRefused() {
        var values = strong();
        values.put(KAFKA, jaas("tracking-service-kafka-user", "tracking-service-kafka-user"));
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("kafka.sasl.jaas.config equals its user name");
        values.put(KAFKA, jaas("tracking-service", "admin-dev-password"));
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("kafka.sasl.jaas.config is a development value")
                .message()
                .doesNotContain("admin-dev-password");
    }

    @Test
    void anUnsetEnvironmentVariableCountsAsMissing() {
        var values = strong();
        values.put(KAFKA, "${KAFKA_SASL_JAAS_CONFIG_NOT_SET_IN_THIS_TEST}");
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("the password in kafka.sasl.jaas.config is missing");
    }
}
