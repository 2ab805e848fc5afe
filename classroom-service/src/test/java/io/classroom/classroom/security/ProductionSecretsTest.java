package io.classroom.classroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionSecretsTest {

    private static final String STRONG = "Xq7!vR2#mK9$pL4@wZ";
    private static final List<String> PROD = List.of("prod");

    @Test
    void strongSecretsStart() {
        assertThatCode(() -> check(PROD, settings(mongo("classroom", STRONG), jaas("classroom", STRONG))))
                .doesNotThrowAnyException();
        // An SRV connection string is read without a DNS lookup.
        var srv = "mongodb+srv://classroom:" + URLEncoder.encode(STRONG, StandardCharsets.UTF_8)
                + "@cluster0.classroom.invalid/classroom";
        assertThatCode(() -> check(PROD, settings(srv, jaas("classroom", STRONG))))
                .doesNotThrowAnyException();
    }

    @Test
    void otherProfilesAreLeftAlone() {
        assertThatCode(() -> check(List.of("local"), settings("mongodb://127.0.0.1:27017", null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(List.of("test"), settings(null, null))).doesNotThrowAnyException();
    }

    @Test
    void aMissingMongoPasswordIsRefused() {
        var kafka = jaas("classroom", STRONG);
        assertRefused(settings("mongodb://mongo:27017/classroom", kafka), ProductionSecrets.MONGO, "is missing", null);
        assertRefused(settings(null, kafka), ProductionSecrets.MONGO, "is missing", null);
        assertRefused(settings("mongo at port 27017", kafka), ProductionSecrets.MONGO, "is missing", null);
    }

    @Test
    void weakMongoPasswordsAreRefusedWithoutShowingThem() {
        var kafka = jaas("classroom", STRONG);
        assertRefused(
                settings(mongo("classroom", "short-pass"), kafka),
                ProductionSecrets.MONGO,
                "shorter than 16",
                "short-pass");
        var sameAsUser = "classroom-service-user";
        assertRefused(
                settings(mongo(sameAsUser, sameAsUser), kafka),
                ProductionSecrets.MONGO,
                "equals its user name",
                sameAsUser);
        var devKey = "ZGV2LW9ubHktYXV0aC1rZXktZW5jcnlwdGlvbi0zMmI=";
        assertRefused(
                settings(mongo("classroom", devKey), kafka), ProductionSecrets.MONGO, "development value", devKey);
    }

    @Test
    void missingOrWeakKafkaPasswordsAreRefused() {
        var mongo = mongo("classroom", STRONG);
        var kafka = ProductionSecrets.KAFKA_JAAS;
        assertRefused(settings(mongo, null), kafka, "is missing", null);
        assertRefused(
                settings(mongo, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"c\";"),
                kafka,
                "is missing",
                null);
        assertRefused(settings(mongo, jaas("classroom", "tracking")), kafka, "shorter than 16", "tracking");
        assertRefused(
                settings(mongo, jaas("classroom", "admin-dev-password")),
                kafka,
                "development value",
                "admin-dev-password");
        assertRefused(
                settings(mongo, jaas("kafka-user-classroom", "KAFKA-USER-CLASSROOM")),
                kafka,
                "equals its user name",
                "KAFKA-USER-CLASSROOM");
    }

    private static void assertRefused(Map<String, String> settings, String setting, String reason, String secret) {
        var refusal = catchThrowable(() -> check(PROD, settings));
        assertThat(refusal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(setting)
                .hasMessageContaining(reason);
        if (secret != null) {
            assertThat(refusal.getMessage()).doesNotContainIgnoringCase(secret);
        }
    }

    private static void check(List<String> profiles, Map<String, String> settings) {
        ProductionSecrets.check(profiles, name -> Optional.ofNullable(settings.get(name)));
    }

    private static Map<String, String> settings(String mongo, String jaas) {
        var settings = new HashMap<String, String>();
        if (mongo != null) {
            settings.put(ProductionSecrets.MONGO, mongo);
        }
        if (jaas != null) {
            settings.put(ProductionSecrets.KAFKA_JAAS, jaas);
        }
        return settings;
    }

    private static String mongo(String user, String password) {
        return "mongodb://" + user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "@mongo:27017/classroom?authSource=admin";
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }
}
