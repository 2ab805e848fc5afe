package io.classroom.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.ingest.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a camera's settings make of the ffmpeg command: the output rate, size and quality are ffmpeg's filters and
 * encoder options, so checking the arguments checks what the service controls (the rate itself is ffmpeg's).
 */
class FfmpegCommandsTest {

    private static StreamSpec spec(double fps, int width, int height, int quality) {
        return new StreamSpec(
                UUID.randomUUID(),
                "Front",
                null,
                "school-1",
                null,
                "rtsp://192.0.2.10:554/stream1",
                new Credentials("u", "p"),
                true,
                fps,
                width,
                height,
                quality,
                Instant.EPOCH);
    }

    private static final String RELAY = "rtsp://u:p@127.0.0.1:40123/stream1";

    @Test
    void samplesScalesAndEncodesAsConfigured() {
        var command = FfmpegCommands.stream("/usr/bin/ffmpeg", spec(2, 320, 180, 80), RELAY, Duration.ofSeconds(15));

        assertThat(command.get(0)).isEqualTo("/usr/bin/ffmpeg");
        assertThat(command).containsSubsequence("-vf", "fps=2.000,scale=320:180");
        assertThat(command).containsSubsequence("-c:v", "mjpeg", "-q:v", Integer.toString(FfmpegCommands.qscale(80)));
        assertThat(command).containsSubsequence("-f", "image2pipe");
        assertThat(command).endsWith("pipe:1");
        assertThat(command).containsSubsequence("-i", RELAY);
        assertThat(command).containsSubsequence("-rtsp_transport", "tcp", "-timeout", "15000000");
        assertThat(command).containsSubsequence("-use_wallclock_as_timestamps", "1");
        assertThat(command).contains("-an");
    }

    @Test
    void fractionalRatesAndOtherSizesPassThroughExactly() {
        assertThat(FfmpegCommands.stream("ffmpeg", spec(0.2, 1280, 720, 100), RELAY, Duration.ofSeconds(1)))
                .containsSubsequence(
                        "-vf", "fps=0.200,scale=1280:720", "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "2");
        assertThat(FfmpegCommands.stream("ffmpeg", spec(12.5, 640, 360, 1), RELAY, Duration.ofSeconds(1)))
                .containsSubsequence("-vf", "fps=12.500,scale=640:360")
                .containsSubsequence("-q:v", "31");
    }

    @Test
    void onlyTheProtocolsOfRtspOverTcp() {
        for (var command : List.of(
                FfmpegCommands.stream("ffmpeg", spec(1, 640, 360, 80), RELAY, Duration.ofSeconds(1)),
                FfmpegCommands.probe("ffprobe", RELAY, Duration.ofSeconds(1)))) {
            assertThat(command)
                    .containsSubsequence("-protocol_whitelist", "rtsp,rtp,udp,tcp,tls")
                    .containsSubsequence("-rtsp_transport", "tcp")
                    .doesNotContain("http", "https", "file");
            // Options before the input, the relay's URL as the only input.
            assertThat(command.indexOf("-protocol_whitelist")).isLessThan(command.indexOf(RELAY));
            assertThat(command.stream().filter(arg -> arg.contains("://"))).containsExactly(RELAY);
        }
    }

    @Test
    void mapsJpegQualityToQscale() {
        assertThat(FfmpegCommands.qscale(100)).isEqualTo(2);
        assertThat(FfmpegCommands.qscale(1)).isEqualTo(31);
        assertThat(FfmpegCommands.qscale(80)).isBetween(7, 9);
        assertThat(FfmpegCommands.qscale(0)).isEqualTo(31);
        assertThat(FfmpegCommands.qscale(150)).isEqualTo(2);
    }

    @Test
    void probesTheFirstVideoStreamAsJson() {
        assertThat(FfmpegCommands.probe("ffprobe", "rtsp://h/x", Duration.ofSeconds(10)))
                .containsSubsequence("-select_streams", "v:0")
                .containsSubsequence("-of", "json")
                .containsSubsequence("-timeout", "10000000")
                .endsWith("rtsp://h/x");
    }
}
