package io.classroom.ingest.service;

/**
 * A camera's settings as a caller gives them, for create and replace. Null fields keep what the camera has (or the
 * documented default for a new one); credentials may also come in the URL's userinfo, and are split off.
 */
public record CameraSettings(
        String name,
        String description,
        String roomId,
        String location,
        String rtspUrl,
        String username,
        String password,
        Boolean tlsVerify,
        Double analysisFps,
        Integer outputWidth,
        Integer outputHeight,
        Integer jpegQuality,
        Boolean enabled) {}
