package io.classroom.vision.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production refuses a missing, development, user-named or short datasource or Kafka password; naming, never showing. */
class ProductionSecretsTest {

    private static final String STRONG_DB = "k9#Vq2!mZp7LwX4rT";
    private static final String STRONG_KAFKA = "Hq8$zN3vLm6@pR1wYc";

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static Map<String, String> strong() {
        var settings = new HashMap<String, String>();
        settings.put("quarkus.datasource.username", "vision");
        settings.put("quarkus.datasource.password", STRONG_DB);
        settings.put("kafka.sasl.jaas.config", jaas("vision-service", STRONG_KAFKA));
        return settings;
    }

    private static SmallRyeConfig config(String profile, Map<String, String> settings) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(settings, "test", 500))
                .build();
    }

    @Test
    void strongSecretsStart() {
        assertThatCode(() -> ProductionSecrets.verify(config("prod", strong()))).doesNotThrowAnyException();
    }

    @Test
    void onlyTheProdProfileIsChecked() {
        var weak = Map.of("quarkus.datasource.username", "vision", "quarkus.datasource.password", "vision");
        assertThatCode(() -> ProductionSecrets.verify(config("dev", weak))).doesNotThrowAnyException();
        assertThatCode(() -> ProductionSecrets.verify(config("test", weak))).doesNotThrowAnyException();
    }

    @Test
    void missingSecretsStopTheStartNamingTheSetting() {
        var settings = strong();
        settings.remove("quarkus.datasource.password");
        settings.put("kafka.sasl.jaas.config", "${KAFKA_SASL_JAAS_CONFIG}");
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarkus.datasource.password is missing")
                .hasMessageContaining("the password in kafka.sasl.jaas.config is missing");
    }

    @Test
    void weakSecretsStopTheStartWithoutShowingTheValue() {
        var cases = Map.of(
                "vision", "is a development value",
                "postgres", "is a development value",
                "admin-dev-password", "is a development value",
                "VISION", "equals its user name",
                "short-but-ok", "is shorter than 16 characters");
        cases.forEach((password, weakness) -> {
            var settings = strong();
            settings.put("quarkus.datasource.password", password);
            assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", settings)))
                    .as(password)
                    .hasMessageContaining("quarkus.datasource.password " + weakness)
                    .hasMessageNotContaining(password);
        });
        var settings = strong();
        settings.put("kafka.sasl.jaas.config", jaas("vision-service", "vision-service"));
        assertThatThrownBy(() -> ProductionSecrets.verify(config("prod", settings)))
                .hasMessageContaining("the password in kafka.sasl.jaas.config equals its user name")
                .hasMessageNotContaining("password=");
    }

    @Test
    void readsTheJaasOptionsWithEscapedQuotes() {
        var parsed = ProductionSecrets.jaas(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"vision-service\""
                        + " password=\"a\\\"b\\\\c\";");
        assertThat(parsed).containsExactly("vision-service", "a\"b\\c");
        assertThat(ProductionSecrets.jaas("nonsense")).containsExactly(null, null);
    }
}
