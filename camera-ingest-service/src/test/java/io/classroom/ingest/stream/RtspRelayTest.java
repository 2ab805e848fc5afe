package io.classroom.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.ingest.FakeRtspServer;
import io.classroom.ingest.security.AllowedNetworks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * The relay between ffmpeg and a camera, with scripted cameras on loopback and a plain socket in ffmpeg's place: what
 * passes, what is refused, and that nothing connects to an address outside the allow-list.
 */
class RtspRelayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String OPTIONS = "OPTIONS rtsp://camera/x RTSP/1.0\r\nCSeq: 1\r\n\r\n";

    private static CameraConnector connector(List<String> allowed, Map<String, List<String>> dns) {
        CameraConnector.Resolver resolver = host -> {
            var names = dns.get(host);
            if (names == null) {
                return InetAddress.getAllByName(host);
            }
            var addresses = new InetAddress[names.size()];
            for (int i = 0; i < addresses.length; i++) {
                addresses[i] = InetAddress.getByName(names.get(i));
            }
            return addresses;
        };
        try {
            return new CameraConnector(AllowedNetworks.of(allowed), resolver, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CameraConnector loopbackOnly() {
        return connector(List.of("127.0.0.1/32"), Map.of());
    }

    /**
     * What ffmpeg would get after sending {@code request} through the relay: {@code expected} bytes, or (0) all until
     * the relay closes the connection.
     */
    private static String exchange(RtspRelay relay, String request, int expected) throws IOException {
        var uri = URI.create(relay.ffmpegUrl());
        try (var ffmpeg = new Socket(uri.getHost(), uri.getPort())) {
            ffmpeg.setSoTimeout((int) TIMEOUT.toMillis());
            ffmpeg.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            var in = ffmpeg.getInputStream();
            var bytes = expected > 0 ? in.readNBytes(expected) : in.readAllBytes();
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void passesRtspRepliesWithBodiesAndInterleavedDataUnchanged() throws Exception {
        var reply = "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 5\r\n\r\nhello";
        var interleaved = "$\u0000\u0000\u0003abc";
        try (var camera = FakeRtspServer.start("127.0.0.1", request -> reply + interleaved);
                var relay = loopbackOnly().prepare(camera.url("/stream?x=1"), true, TIMEOUT)) {
            relay.connect();
            assertThat(relay.ffmpegUrl()).startsWith("rtsp://127.0.0.1:").endsWith("/stream?x=1");
            assertThat(exchange(relay, OPTIONS, (reply + interleaved).length())).isEqualTo(reply + interleaved);
            assertThat(relay.failure()).isEmpty();
            assertThat(camera.requests())
                    .extracting(FakeRtspServer.Request::method)
                    .containsExactly("OPTIONS");
        }
    }

    @Test
    void neverPassesARedirectOn() throws Exception {
        try (var elsewhere = FakeRtspServer.askingForCredentials("127.0.0.1");
                var camera = FakeRtspServer.start(
                        "127.0.0.1",
                        request -> FakeRtspServer.reply(
                                request, "302 Found", "Location: " + elsewhere.url("/x") + "\r\n"));
                var relay = loopbackOnly().prepare(camera.url("/x"), true, TIMEOUT)) {
            relay.connect();
            assertThat(exchange(relay, OPTIONS, 0)).isEmpty();
            assertThat(relay.failure()).contains(FailureReason.NOT_ALLOWED);
            assertThat(elsewhere.connections()).isZero();
        }
    }

    @Test
    void aServerThatSpeaksAnotherProtocolReadsAsUnreachable() throws Exception {
        try (var web = FakeRtspServer.start("127.0.0.1", request -> "HTTP/1.1 401 Unauthorized\r\n\r\n");
                var relay = loopbackOnly().prepare(web.url("/x"), true, TIMEOUT)) {
            relay.connect();
            assertThat(exchange(relay, OPTIONS, 0)).isEmpty();
            assertThat(relay.failure()).contains(FailureReason.UNREACHABLE);
        }
        try (var silent = FakeRtspServer.start("127.0.0.1", request -> null);
                var relay = loopbackOnly().prepare(silent.url("/x"), true, TIMEOUT)) {
            relay.connect();
            assertThat(exchange(relay, OPTIONS, 0)).isEmpty();
            assertThat(relay.failure()).contains(FailureReason.UNREACHABLE);
        }
    }

    @Test
    void aClosedPortFailsToConnect() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (var relay = loopbackOnly().prepare("rtsp://127.0.0.1:" + closed + "/x", true, TIMEOUT)) {
            assertThatThrownBy(relay::connect).isInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesAHostWithAnyAddressOutsideTheListWithoutConnecting() throws Exception {
        try (var camera = FakeRtspServer.askingForCredentials("127.0.0.1")) {
            var dns = Map.of(
                    "mixed.cameras.example", List.of("127.0.0.1", "10.9.9.9"),
                    "inside.cameras.example", List.of("127.0.0.1"));
            var connector = connector(List.of("127.0.0.1/32"), dns);
            assertThatThrownBy(() ->
                            connector.prepare("rtsp://mixed.cameras.example:" + camera.port() + "/x", true, TIMEOUT))
                    .isInstanceOf(NotAllowedException.class)
                    .hasMessageContaining("10.9.9.9");
            assertThatThrownBy(() -> connector.prepare("rtsp://10.9.9.9:" + camera.port() + "/x", true, TIMEOUT))
                    .isInstanceOf(NotAllowedException.class);
            assertThatThrownBy(() -> connector.prepare("rtsp://127.0.0.2:" + camera.port() + "/x", true, TIMEOUT))
                    .isInstanceOf(NotAllowedException.class);
            assertThat(camera.connections()).isZero();

            try (var relay =
                    connector.prepare("rtsp://inside.cameras.example:" + camera.port() + "/x", true, TIMEOUT)) {
                relay.connect();
                assertThat(relay.connectedTo()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            }
            assertThat(camera.connections()).isEqualTo(1);
        }
    }

    @Test
    void aNameWithoutAddressIsUnknown() {
        var connector = connector(List.of("0.0.0.0/0"), Map.of("gone.cameras.example", List.of()));
        assertThatThrownBy(() -> connector.prepare("rtsp://gone.cameras.example/x", true, TIMEOUT))
                .isInstanceOf(UnknownHostException.class);
    }
}
