package io.classroom.analytics.security;

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

    private static final String MONGO = "quarkus.mongodb.connection-string";
    private static final String KAFKA = "kafka.sasl.jaas.config";

    private static Map<String, String> strong() {
        Map<String, String> values = new HashMap<>();
        values.put(
                MONGO,
                "mongodb://analytics:Xq7-database%3Asecret-42@mongo-0:27017,mongo-1:27017/analytics?authSource=analytics");
        values.put(KAFKA, jaas("analytics-service", "Xq7-kafka-secret-42"));
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
        assertThatCode(() -> ProductionSecrets.verify(config("local", Map.of(MONGO, "mongodb://127.0.0.1:27017"))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "quarkus.mongodb.connection-string | NULL | quarkus.mongodb.connection-string is missing",
                "quarkus.mongodb.connection-string | mongodb://mongo:27017 | quarkus.mongodb.connection-string is missing",
                "quarkus.mongodb.connection-string | mongodb://analytics:analytics@mongo:27017 | is a development value",
                "quarkus.mongodb.connection-string | mongodb://analytics:Kq9#shortish@mongo | is shorter than 16",
                "quarkus.mongodb.connection-string | mongodb://Xq7-database-secret-42:Xq7-database-secret-42@mongo/a | equals its user",
                "kafka.sasl.jaas.config | NULL | the password in kafka.sasl.jaas.config is missing",
                "kafka.sasl.jaas.config | username=\"analytics-service\" | kafka.sasl.jaas.config is missing",
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
        values.put(KAFKA, jaas("analytics-service-kafka-user", "analytics-service-kafka-user"));
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", values)))
                .hasMessageContaining("kafka.sasl.jaas.config equals its user name");
        values.put(KAFKA, jaas("analytics-service", "admin-dev-password"));
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
