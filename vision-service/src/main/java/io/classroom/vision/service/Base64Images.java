package io.classroom.vision.service;

import io.classroom.vision.error.Problems;
import java.util.Base64;

/**
 * Decodes images sent as base64 text, plain or as a data URL ({@code data:image/jpeg;base64,...}), for the REST
 * API and the WebSocket alike; bad text is the client's fault (400).
 */
public final class Base64Images {

    private Base64Images() {}

    public static byte[] decode(String text, String label) {
        var payload = text;
        if (payload.startsWith("data:")) {
            int comma = payload.indexOf(',');
            if (comma < 0 || !payload.substring(0, comma).endsWith(";base64")) {
                throw Problems.invalidImage(label + " is not a base64 data URL");
            }
            payload = payload.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw Problems.invalidImage(label + " is not valid base64");
        }
    }
}
