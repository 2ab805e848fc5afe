package io.classroom.auth;

import io.classroom.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Length, not the email, not a common password; bcrypt reads at most 72 bytes, so longer ones are refused. A rule of
 * the domain: the services apply it to every new password and {@code security.ProductionSecrets} to the operator's.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MAX_BYTES = 72;

    private final int minLength;
    private final Set<String> common;

    @Inject
    PasswordPolicy(AuthConfig config) {
        this(config.password().minLength());
    }

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
        this.common = loadCommonPasswords();
    }

    /** The reason the password is refused, or empty when it is acceptable. */
    public Optional<String> violation(String password, String email) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("The password must have at least " + minLength + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("The password must not be longer than " + MAX_BYTES + " bytes (UTF-8).");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (email != null && lower.equals(email.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not be the email address.");
        }
        if (common.contains(lower)) {
            return Optional.of("The password is too common; choose another one.");
        }
        return Optional.empty();
    }

    private static Set<String> loadCommonPasswords() {
        var stream = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt");
        if (stream == null) {
            throw new IllegalStateException("common-passwords.txt is missing from the classpath");
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
