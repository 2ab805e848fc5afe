package io.classroom.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.ingest.FakeRtspServer;
import io.classroom.ingest.TestCertificates;
import io.classroom.ingest.security.AllowedNetworks;
import io.classroom.ingest.stream.CameraConnector;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rtsps: the relay verifies the camera's certificate (chain and host) before anything of RTSP is sent, against the
 * JVM's trust store or the CAs of {@code ingest.cameras.tls-ca-file}, unless the camera is marked tlsVerify=false.
 */
class CameraConnectorsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AllowedNetworks LOOPBACK = AllowedNetworks.of(List.of("127.0.0.1/32"));

    private static TestCertificates certificates;

    @BeforeAll
    static void certificate() throws Exception {
        certificates = TestCertificates.create(Path.of("target/test-certificates"));
    }

    private static FakeRtspServer camera() throws Exception {
        return FakeRtspServer.startTls(
                "127.0.0.1",
                certificates.serverContext(),
                request -> FakeRtspServer.reply(request, "200 OK", "Public: DESCRIBE\r\n"));
    }

    /** One OPTIONS through the relay as ffmpeg would send it; the reply's status line. */
    private static String options(String relayUrl) throws Exception {
        var uri = URI.create(relayUrl);
        try (var ffmpeg = new Socket(uri.getHost(), uri.getPort())) {
            ffmpeg.setSoTimeout((int) TIMEOUT.toMillis());
            ffmpeg.getOutputStream()
                    .write("OPTIONS rtsp://x/ RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            var reply = new String(ffmpeg.getInputStream().readNBytes(15), StandardCharsets.US_ASCII);
            return reply;
        }
    }

    @Test
    void anUntrustedCertificateStopsTheConnectionBeforeAnyRequest() throws Exception {
        try (var camera = camera()) {
            var connector = new CameraConnector(LOOPBACK, InetAddress::getAllByName, SSLContext.getDefault());
            try (var relay = connector.prepare("rtsps://127.0.0.1:" + camera.port() + "/x", true, TIMEOUT)) {
                assertThatThrownBy(relay::connect).isInstanceOf(SSLException.class);
            }
            assertThat(camera.requests()).isEmpty();

            // Unless an admin marked the camera tlsVerify=false: encrypted, any certificate.
            try (var relay = connector.prepare("rtsps://127.0.0.1:" + camera.port() + "/x", false, TIMEOUT)) {
                relay.connect();
                assertThat(options(relay.ffmpegUrl())).isEqualTo("RTSP/1.0 200 OK");
            }
        }
    }

    @Test
    void theCamerasOwnCaVerifiesItsCertificate() throws Exception {
        try (var camera = camera()) {
            var connector = new CameraConnector(
                    LOOPBACK, InetAddress::getAllByName, CameraConnectors.trusting(certificates.certificatePem()));
            try (var relay = connector.prepare("rtsps://127.0.0.1:" + camera.port() + "/x", true, TIMEOUT)) {
                relay.connect();
                assertThat(relay.ffmpegUrl()).startsWith("rtsp://127.0.0.1:");
                assertThat(options(relay.ffmpegUrl())).isEqualTo("RTSP/1.0 200 OK");
            }
            assertThat(camera.requests())
                    .extracting(FakeRtspServer.Request::method)
                    .containsExactly("OPTIONS");
        }
    }

    @Test
    void aCaFileWithoutCertificatesFailsTheStart() {
        assertThatThrownBy(() -> CameraConnectors.trusting(Path.of("pom.xml")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ingest.cameras.tls-ca-file");
    }
}
