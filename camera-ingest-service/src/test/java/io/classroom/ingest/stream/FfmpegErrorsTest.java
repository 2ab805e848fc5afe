package io.classroom.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegErrorsTest {

    @Test
    void classifiesTypicalFfmpegErrors() {
        assertThat(FfmpegErrors.classify(List.of("[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized")))
                .isEqualTo(FailureReason.AUTH_FAILED);
        assertThat(FfmpegErrors.classify(List.of("rtsp://h/x: Server returned 404 Not Found")))
                .isEqualTo(FailureReason.STREAM_NOT_FOUND);
        assertThat(FfmpegErrors.classify(List.of("Connection to tcp://127.0.0.1:1 failed: Connection refused")))
                .isEqualTo(FailureReason.UNREACHABLE);
        assertThat(FfmpegErrors.classify(List.of("rtsp://10.0.0.1/x: Connection timed out")))
                .isEqualTo(FailureReason.TIMEOUT);
        assertThat(FfmpegErrors.classify(List.of("rtsp://h/x: Invalid data found when processing input")))
                .isEqualTo(FailureReason.NOT_A_VIDEO_STREAM);
        assertThat(FfmpegErrors.classify(List.of())).isEqualTo(FailureReason.STREAM_ENDED);
        assertThat(FailureReason.AUTH_FAILED.permanent()).isTrue();
        assertThat(FailureReason.UNREACHABLE.permanent()).isFalse();
    }

    @Test
    void lastErrorCarriesNoCredentials() {
        var error = FfmpegErrors.lastError(List.of(
                "rtsp://admin:s3cret@10.0.0.1:554/live: Server returned 401 Unauthorized (authorization failed)",
                "[swscaler @ 0x1] deprecated pixel format used, make sure you did set range correctly"));
        assertThat(error)
                .isEqualTo("rtsp://10.0.0.1:554/live: Server returned 401 Unauthorized (authorization failed)")
                .doesNotContain("s3cret");
    }
}
