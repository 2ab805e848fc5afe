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
    void endpointsMakeThePortExplicitAndCaseInsensitive() {
        assertThat(RtspUrls.origin("rtsp://Camera.School.example/x")).isEqualTo("rtsp://camera.school.example:554");
        assertThat(RtspUrls.origin("RTSPS://192.0.2.10/x")).isEqualTo("rtsps://192.0.2.10:322");
        assertThat(RtspUrls.origin("rtsp://192.0.2.10:8554/x")).isEqualTo("rtsp://192.0.2.10:8554");
        assertThat(RtspUrls.origin("rtsp://[2001:DB8::1]:554/x")).isEqualTo("rtsp://[2001:db8::1]:554");
        // Same origin, other path: same credentials; other port or scheme: other origin.
        assertThat(RtspUrls.origin("rtsp://h:554/a")).isEqualTo(RtspUrls.origin("rtsp://h/b?c=d"));
        assertThat(RtspUrls.origin("rtsp://h:555/a")).isNotEqualTo(RtspUrls.origin("rtsp://h/a"));
        assertThat(RtspUrls.origin("rtsps://h:554/a")).isNotEqualTo(RtspUrls.origin("rtsp://h:554/a"));

        var endpoint = RtspUrls.endpoint("rtsps://cam:7000/live/main?channel=1");
        assertThat(endpoint.tls()).isTrue();
        assertThat(endpoint.pathAndQuery()).isEqualTo("/live/main?channel=1");
        assertThat(RtspUrls.endpoint("rtsp://cam").pathAndQuery()).isEqualTo("/");
        assertThatThrownBy(() -> RtspUrls.parse("rtsp://cam:99999/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(new Credentials("admin", "secret").toString()).doesNotContain("admin", "secret");
    }
}
