package io.classroom.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.ingest.Credentials;
import org.junit.jupiter.api.Test;

class RtspUrlsTest {

    @Test
    void splitsUserinfoOffTheUrl() {
        var parsed = RtspUrls.parse("rtsp://admin:p%40ss@192.0.2.10:554/stream1");
        assertThat(parsed.url()).isEqualTo("rtsp://192.0.2.10:554/stream1");
        assertThat(parsed.credentials()).contains(new Credentials("admin", "p@ss"));
        assertThat(RtspUrls.parse("rtsp://192.0.2.10/s").credentials()).isEmpty();
    }

    @Test
    void putsEncodedCredentialsBack() {
        assertThat(RtspUrls.withCredentials("rtsp://h:554/x", new Credentials("a b", "p@ss:w")))
                .isEqualTo("rtsp://a%20b:p%40ss%3Aw@h:554/x");
        assertThat(RtspUrls.withCredentials("rtsp://h/x", null)).isEqualTo("rtsp://h/x");
    }

    @Test
    void refusesOtherSchemesWithoutLeakingSecrets() {
        assertThatThrownBy(() -> RtspUrls.parse("http://u:secret@h/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RtspUrls.parse("rtsp://u:secret@/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RtspUrls.parse("rtsp://u:se cret@h/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("cret");
        assertThat(RtspUrls.redact("rtsp://u:p@h/x?a=b@c")).isEqualTo("rtsp://h/x?a=b@c");
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(new Credentials("admin", "secret").toString()).doesNotContain("admin", "secret");
    }
}
