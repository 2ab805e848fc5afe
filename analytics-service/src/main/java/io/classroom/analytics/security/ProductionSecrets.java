package io.classroom.analytics.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Production refuses weak secrets: with the {@code prod} profile active the start fails when a secret this service
 * uses is missing, one of this repository's development values (local/test profiles, docker-compose defaults),
 * equal to its user name, or shorter than {@value #MIN_LENGTH} characters. The message names the setting, never the
 * value. The same class in every service; only {@link #secrets} differs.
 */
@ApplicationScoped
public class ProductionSecrets {

    static final int MIN_LENGTH = 16;

    /** Values this repository uses outside production: a production secret equal to one of them is known to all. */
    static final Set<String> DEVELOPMENT_VALUES = Set.of(
            "auth",
            "classroom",
            "tracking",
            "vision",
            "ingest",
            "analytics",
            "postgres",
            "admin-dev-password",
            "demo-classroom-2026",
            "correct horse battery",
            "<set me>",
            "ZGV2LW9ubHktYXV0aC1rZXktZW5jcnlwdGlvbi0zMmI=",
            "bG9jYWwtb25seS1jYW1lcmEtY3JlZGVudGlhbC1rZXk=");

    private static final Pattern JAAS_OPTION = Pattern.compile("(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A secret: the setting that holds it, its value and the user name it goes with (each null when absent). */
    public record Secret(String setting, String value, String user) {}

    private final Config config;

    public ProductionSecrets(Config config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        verify(config.unwrap(SmallRyeConfig.class));
    }

    /** Does nothing unless {@code prod} is an active profile; then throws when a secret is weak. */
    public static void verify(SmallRyeConfig config) {
        if (!config.getProfiles().contains("prod")) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Secret secret : secrets(config)) {
            String weakness = weakness(secret);
            if (weakness != null) {
                problems.add(secret.setting() + " " + weakness);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Refusing to start in production with weak secrets: " + String.join("; ", problems));
        }
    }

    /** This service's secrets: the password in the MongoDB connection string and the Kafka SASL password. */
    static List<Secret> secrets(Config config) {
        String[] mongo = userInfo(value(config, "quarkus.mongodb.connection-string"));
        String[] kafka = jaas(value(config, "kafka.sasl.jaas.config"));
        return List.of(
                new Secret("the password in quarkus.mongodb.connection-string", mongo[1], mongo[0]),
                new Secret("the password in kafka.sasl.jaas.config", kafka[1], kafka[0]));
    }

    static String weakness(Secret secret) {
        String value = secret.value();
        if (value == null || value.isBlank()) {
            return "is missing";
        }
        if (DEVELOPMENT_VALUES.contains(value)) {
            return "is a development value of this repository";
        }
        if (value.equalsIgnoreCase(secret.user())) {
            return "equals its user name";
        }
        if (value.length() < MIN_LENGTH) {
            return "is shorter than " + MIN_LENGTH + " characters";
        }
        return null;
    }

    /** A setting's value; null when absent or when it names an environment variable that is not set. */
    static String value(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class).orElse(null);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {user, password} of {@code scheme://user:password@host...} (percent-decoded), each null when absent. */
    static String[] userInfo(String url) {
        if (url == null || !url.contains("://")) {
            return new String[2];
        }
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return new String[2];
        }
        String info = authority.substring(0, at);
        int colon = info.indexOf(':');
        if (colon < 0) {
            return new String[] {decode(info), null};
        }
        return new String[] {decode(info.substring(0, colon)), decode(info.substring(colon + 1))};
    }

    /** {username, password} of a JAAS login module configuration, each null when absent. */
    static String[] jaas(String config) {
        String[] result = new String[2];
        if (config == null) {
            return result;
        }
        Matcher option = JAAS_OPTION.matcher(config);
        while (option.find()) {
            String value = option.group(2).replaceAll("\\\\(.)", "$1");
            if ("username".equals(option.group(1))) {
                result[0] = value;
            } else if ("password".equals(option.group(1))) {
                result[1] = value;
            }
        }
        return result;
    }

    private static String decode(String value) {
        String decoded;
        try {
            decoded = URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a stray '%': taken as it is (the message would quote the value)
            decoded = value;
        }
        return decoded.isEmpty() ? null : decoded;
    }
}
