package io.classroom.classroom.service;

import java.security.SecureRandom;
import java.util.Locale;

/** Random join codes from an alphabet without look-alike characters (no 0/O, 1/I/L). */
public final class JoinCodes {

    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCodes() {}

    public static String generate(int length) {
        var code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Codes are typed by people: ignore case and surrounding blanks. */
    public static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }
}
