package io.classroom.ingest.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Production refuses this service's weak secrets and names the setting, never the value. */
class ProductionSecretsTest {

    private static final String KEY = "c3Ryb25nLXByb2R1Y3Rpb24tY2FtZXJhLWtleS0zMmI=";

    private static Map<String, String> strong() {
        var values = new HashMap<String, String>();
        values.put("quarkus.datasource.username", "ingest");
        values.put("quarkus.datasource.password", "Vq3-long-database-secret");
        values.put("quarkus.redis.hosts", "redis://camera-ingest:Rz8-long-redis-secret@redis:6379");
        values.put(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"camera-ingest-service\""
                        + " password=\"Kq5-long-kafka-secret\";");
        values.put("ingest.credentials-key", KEY);
        return values;
    }

    private static SmallRyeConfig config(Map<String, String> values, String profile) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .build();
    }

    @Test
    void strongSecretsStart() {
        assertThatCode(() -> ProductionSecrets.verify(config(strong(), "prod"))).doesNotThrowAnyException();
    }

    @Test
    void nothingIsCheckedOutsideProduction() {
        assertThatCode(() -> ProductionSecrets.verify(config(Map.of(), "local")))
                .doesNotThrowAnyException();
    }

    @Test
    void eachWeakSecretFailsTheStartNamingItsSettingNotItsValue() {
        var cases = Map.of(
                "quarkus.datasource.password", "ingest",
                "quarkus.redis.hosts", "redis://camera-ingest:short@redis:6379",
                "kafka.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"camera-ingest-service\" password=\"camera-ingest-service\";",
                "ingest.credentials-key", "bG9jYWwtb25seS1jYW1lcmEtY3JlZGVudGlhbC1rZXk=");
        cases.forEach((setting, weak) -> {
            var values = strong();
            values.put(setting, weak);
            assertThatThrownBy(() -> ProductionSecrets.verify(config(values, "prod")))
                    .as(setting)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(setting)
                    .hasMessageNotContaining("short@")
                    .hasMessageNotContaining("bG9jYWwtb25seS1jYW1lcmEtY3JlZGVudGlhbC1rZXk=");
        });
    }

    @Test
    void missingSecretsFailTheStart() {
        for (var setting : new String[] {
            "quarkus.datasource.password", "quarkus.redis.hosts", "kafka.sasl.jaas.config", "ingest.credentials-key"
        }) {
            var values = strong();
            values.remove(setting);
            assertThatThrownBy(() -> ProductionSecrets.verify(config(values, "prod")))
                    .as(setting)
                    .hasMessageContaining(setting)
                    .hasMessageContaining("is missing");
        }
        var noRedisPassword = strong();
        noRedisPassword.put("quarkus.redis.hosts", "redis://redis:6379");
        assertThatThrownBy(() -> ProductionSecrets.verify(config(noRedisPassword, "prod")))
                .hasMessageContaining("the password in quarkus.redis.hosts is missing");
    }

    @Test
    void aPasswordEqualToItsUserOrShortIsRefused() {
        var sameAsUser = strong();
        sameAsUser.put("quarkus.datasource.username", "ingest-production-user");
        sameAsUser.put("quarkus.datasource.password", "ingest-production-user");
        assertThatThrownBy(() -> ProductionSecrets.verify(config(sameAsUser, "prod")))
                .hasMessageContaining("quarkus.datasource.password equals its user name");
        var tooShort = strong();
        tooShort.put("quarkus.datasource.password", "fifteen-chars-x");
        assertThatThrownBy(() -> ProductionSecrets.verify(config(tooShort, "prod")))
                .hasMessageContaining("quarkus.datasource.password is shorter than 16 characters");
    }
}
