package io.classroom.ingest.stream;

import java.util.List;
import java.util.Locale;

/** Turns ffmpeg/ffprobe stderr into a {@link FailureReason}. */
public final class FfmpegErrors {

    private FfmpegErrors() {}

    public static FailureReason classify(List<String> stderr) {
        var text = String.join("\n", stderr).toLowerCase(Locale.ROOT);
        if (text.contains("401 unauthorized") || text.contains("401 unauthorised")) {
            return FailureReason.AUTH_FAILED;
        }
        if (text.contains("404 not found") || text.contains("454 session not found")) {
            return FailureReason.STREAM_NOT_FOUND;
        }
        if (text.contains("connection refused")
                || text.contains("no route to host")
                || text.contains("network is unreachable")
                || text.contains("name or service not known")
                || text.contains("temporary failure in name resolution")
                || text.contains("connection reset")) {
            return FailureReason.UNREACHABLE;
        }
        if (text.contains("timed out") || text.contains("timeout")) {
            return FailureReason.TIMEOUT;
        }
        if (text.contains("does not contain any stream")
                || text.contains("matches no streams")
                || text.contains("no video stream")
                || text.contains("invalid data found")
                || text.contains("unsupported")) {
            return FailureReason.NOT_A_VIDEO_STREAM;
        }
        if (text.contains("end of file") || text.isBlank()) {
            return FailureReason.STREAM_ENDED;
        }
        return FailureReason.PROCESS_ERROR;
    }

    /** The last meaningful stderr line, credentials stripped, for lastError. */
    public static String lastError(List<String> stderr) {
        for (int i = stderr.size() - 1; i >= 0; i--) {
            var line = stderr.get(i).trim();
            if (!line.isEmpty() && !line.contains("deprecated pixel format") && !line.startsWith("Exiting normally")) {
                return line.replaceAll("(rtsps?://)[^\\s/@]*@", "$1");
            }
        }
        return null;
    }
}
