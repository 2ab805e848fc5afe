package io.classroom.ingest.stream;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Command lines of the ffmpeg stream worker and the ffprobe connection test. Both open the camera through its
 * {@link RtspRelay} and may only use the protocols RTSP needs ({@value #PROTOCOLS}): no http (so no RTSP-over-HTTP
 * tunnelling, which {@code -rtsp_transport tcp} rules out as well), no file, no other URL scheme.
 */
public final class FfmpegCommands {

    /** ffmpeg's {@code -protocol_whitelist}: what an RTSP input needs, nothing else. */
    static final String PROTOCOLS = "rtsp,rtp,udp,tcp,tls";

    private FfmpegCommands() {}

    /**
     * Pulls RTSP over TCP, samples at the analysis rate, scales and encodes JPEG in ffmpeg itself (cheaper than raw
     * frames encoded in Java). Arrival time stamps the frames because some cameras send broken timestamps, which
     * would stall the fps filter.
     */
    public static List<String> stream(String ffmpeg, StreamSpec spec, String inputUrl, Duration ioTimeout) {
        return List.of(
                ffmpeg,
                "-hide_banner",
                "-nostats",
                "-nostdin",
                "-loglevel",
                "info",
                "-protocol_whitelist",
                PROTOCOLS,
                "-rtsp_transport",
                "tcp",
                "-timeout",
                Long.toString(ioTimeout.toNanos() / 1000),
                "-use_wallclock_as_timestamps",
                "1",
                "-i",
                inputUrl,
                "-an",
                "-sn",
                "-dn",
                "-vf",
                String.format(Locale.ROOT, "fps=%s,scale=%d:%d", fps(spec.fps()), spec.width(), spec.height()),
                "-f",
                "image2pipe",
                "-c:v",
                "mjpeg",
                "-q:v",
                Integer.toString(qscale(spec.jpegQuality())),
                "pipe:1");
    }

    /** ffprobe printing the first video stream's codec, size and rates as JSON. */
    public static List<String> probe(String ffprobe, String url, Duration ioTimeout) {
        return List.of(
                ffprobe,
                "-hide_banner",
                "-v",
                "error",
                "-protocol_whitelist",
                PROTOCOLS,
                "-rtsp_transport",
                "tcp",
                "-timeout",
                Long.toString(ioTimeout.toNanos() / 1000),
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,width,height,avg_frame_rate,r_frame_rate",
                "-of",
                "json",
                url);
    }

    /** Maps a 1-100 JPEG quality onto ffmpeg's mjpeg qscale (2 best .. 31 worst). */
    static int qscale(int quality) {
        int q = Math.max(1, Math.min(100, quality));
        return Math.round(2 + (100 - q) * 29 / 99f);
    }

    private static String fps(double fps) {
        return String.format(Locale.ROOT, "%.3f", fps);
    }
}
