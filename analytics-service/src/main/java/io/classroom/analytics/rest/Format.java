package io.classroom.analytics.rest;

import io.classroom.analytics.error.Problems;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Representations an endpoint can answer with, chosen by {@code ?format=} or else by the Accept header. */
public enum Format {
    JSON("application/json"),
    PNG("image/png"),
    SVG("image/svg+xml"),
    CSV("text/csv"),
    PDF("application/pdf");

    public final String mediaType;

    Format(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The first of {@code allowed} is the default; an unsupported {@code format} is a 400. */
    public static Format pick(String format, HttpHeaders headers, Format... allowed) {
        List<Format> options = Arrays.asList(allowed);
        if (format != null && !format.isBlank()) {
            return options.stream()
                    .filter(f -> f.name().equalsIgnoreCase(format.trim()))
                    .findFirst()
                    .orElseThrow(() -> Problems.badRequest(
                            "invalid-format",
                            "'format' must be one of "
                                    + options.stream()
                                            .map(f -> f.name().toLowerCase(Locale.ROOT))
                                            .toList()));
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return allowed[0];
            }
            for (Format option : options) {
                if (accepted.isCompatible(MediaType.valueOf(option.mediaType))) {
                    return option;
                }
            }
        }
        return allowed[0];
    }
}
