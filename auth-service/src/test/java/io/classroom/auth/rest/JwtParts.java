package io.classroom.auth.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/** Test-only reading of a JWT's header (to look at its kid); the service itself never reads unverified tokens. */
final class JwtParts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtParts() {}

    static Map<String, Object> header(String jwt) {
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), new TypeReference<>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
