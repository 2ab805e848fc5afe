package io.classroom.classroom.security;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Production refuses to start with a weak secret: one that is missing, shorter than {@value #MIN_LENGTH} characters,
 * equal to its user name, or one of the development values of this repository's local and test profiles and
 * docker-compose defaults. It checks the secrets this service uses (the password inside the MongoDB connection string
 * and the Kafka SASL JAAS password) before anything connects, and names the setting, never its value. Other profiles
 * (dev, test, local) are left alone.
 */
@ApplicationScoped
public class ProductionSecrets {

    static final int MIN_LENGTH = 16;

    static final String MONGO = "quarkus.mongodb.connection-string";
    static final String KAFKA_JAAS = "kafka.sasl.jaas.config";

    /** Passwords and keys of local runs, tests and docker-compose defaults: known to anyone who read the repository. */
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

    private static final Pattern JAAS_USER = jaasOption("username");
    private static final Pattern JAAS_PASSWORD = jaasOption("password");

    private final Config config;

    public ProductionSecrets(Config config) {
        this.config = config;
    }

    /** Before every other start-up observer, so a weak secret stops the start before a store is touched. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        check(config.unwrap(SmallRyeConfig.class).getProfiles(), this::setting);
    }

    /** A secret as configured: where it is set (for the message), its value and the user name beside it. */
    record Secret(String setting, String value, String user) {}

    /** Throws when the {@code prod} profile is active and a secret read from {@code settings} is weak. */
    static void check(List<String> profiles, Function<String, Optional<String>> settings) {
        if (!profiles.contains("prod")) {
            return;
        }
        for (var secret : secrets(settings)) {
            var weakness = weakness(secret);
            if (weakness != null) {
                throw new IllegalStateException(
                        "Refusing to start in production: " + secret.setting() + " " + weakness);
            }
        }
    }

    static List<Secret> secrets(Function<String, Optional<String>> settings) {
        var secrets = new ArrayList<Secret>();
        var mongoSetting = "the password in " + MONGO + " (QUARKUS_MONGODB_CONNECTION_STRING)";
        secrets.add(settings.apply(MONGO)
                .map(value -> mongo(mongoSetting, value))
                .orElse(new Secret(mongoSetting, null, null)));
        var jaas = settings.apply(KAFKA_JAAS).orElse("");
        secrets.add(new Secret(
                "the password in " + KAFKA_JAAS + " (KAFKA_SASL_JAAS_CONFIG)",
                option(JAAS_PASSWORD, jaas),
                option(JAAS_USER, jaas)));
        return secrets;
    }

    /** Why the secret is weak, or null when it is not. */
    static String weakness(Secret secret) {
        var value = secret.value();
        if (value == null || value.isBlank()) {
            return "is missing";
        }
        if (value.length() < MIN_LENGTH) {
            return "is shorter than " + MIN_LENGTH + " characters";
        }
        if (value.equalsIgnoreCase(secret.user())) {
            return "equals its user name";
        }
        if (DEVELOPMENT_VALUES.contains(value)) {
            return "is a development value of this repository";
        }
        return null;
    }

    /**
     * The user and password of {@code mongodb[+srv]://user:password@host/...}, read without the driver's parser, which
     * looks SRV records up and may quote the string (password included) in its errors.
     */
    private static Secret mongo(String setting, String connectionString) {
        var scheme = connectionString.indexOf("://");
        if (!connectionString.startsWith("mongodb") || scheme < 0) {
            return new Secret(setting, null, null);
        }
        var rest = connectionString.substring(scheme + 3);
        var authorityEnd = indexOfAny(rest, '/', '?');
        var authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        var at = authority.lastIndexOf('@');
        if (at < 0) {
            return new Secret(setting, null, null);
        }
        var userInfo = authority.substring(0, at);
        var colon = userInfo.indexOf(':');
        if (colon < 0) {
            return new Secret(setting, null, decode(userInfo));
        }
        return new Secret(setting, decode(userInfo.substring(colon + 1)), decode(userInfo.substring(0, colon)));
    }

    private static int indexOfAny(String text, char first, char second) {
        var a = text.indexOf(first);
        var b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    /** Percent-decoding as in a URI ({@code +} stays a plus); a malformed escape counts as no password at all. */
    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String option(Pattern pattern, String jaas) {
        var matcher = pattern.matcher(jaas);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    /** {@code name="value"} (or an unquoted value) in a JAAS configuration line. */
    private static Pattern jaasOption(String name) {
        return Pattern.compile("(?<![A-Za-z0-9_.])" + name + "\\s*=\\s*(?:\"([^\"]*)\"|([^\\s\";]+))");
    }

    /** An unset setting, or one whose expression names an unset variable, is missing. */
    private Optional<String> setting(String name) {
        try {
            return config.getOptionalValue(name, String.class);
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
