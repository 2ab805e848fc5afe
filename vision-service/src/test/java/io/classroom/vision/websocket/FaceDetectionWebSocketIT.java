package io.classroom.vision.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.testing.TestTokens;
import io.classroom.vision.pipeline.TestAssets;
import io.classroom.vision.pipeline.TestFrames;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The webcam protocol: frames in (webcam-sized: 720p and 1080p JPEG, 720p PNG, sent as one WebSocket frame as browsers
 * do), detection results out; malformed messages and frames over 1920x1080 answered with an error, a message over
 * 4 MiB with an error and a close with 1009.
 */
@QuarkusTest
class FaceDetectionWebSocketIT {

    /** A browser sends a whole message as one WebSocket frame. */
    private static final int BROWSER_FRAME = 8 * 1024 * 1024;

    private static final Path OBAMA_PROBE = TestAssets.faces().resolve("obama/probe/obama1.jpg");
    private static final Path GROUP = TestAssets.faces().resolve("group/obama_and_biden.jpg");

    @TestHTTPResource("/ws/face-detection/client-1")
    URI uri;

    @Inject
    Vertx vertx;

    @Test
    void answersFramesAndSurvivesMalformedMessages() throws Exception {
        var replies = new LinkedBlockingQueue<String>();
        var socket = connect(TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "STUDENT"));
        socket.textMessageHandler(replies::add);

        var jpeg = TestAssets.read(TestAssets.faces().resolve("obama/enrol/obama.jpg"));
        socket.writeTextMessage(new JsonObject()
                .put("type", "frame")
                .put("image", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg))
                .put("timestamp", 1234567)
                .encode());
        var result = new JsonObject(replies.poll(60, TimeUnit.SECONDS));
        assertThat(result.getString("type")).isEqualTo("detection_result");
        assertThat(result.getLong("timestamp")).isEqualTo(1234567L);
        assertThat(result.getJsonArray("faces")).hasSize(1);
        var face = result.getJsonArray("faces").getJsonObject(0);
        assertThat(face.getDouble("x")).isBetween(0.0, 1.0);
        assertThat(face.getDouble("width")).isBetween(0.1, 1.0);
        assertThat(face.getDouble("confidence")).isGreaterThan(0.75);
        assertThat(face.getJsonArray("eyes")).hasSize(2);
        assertThat(face.getBoolean("attentive")).isTrue();

        for (var malformed : new String[] {
            "not json",
            "{\"type\":\"hello\"}",
            "{\"type\":\"frame\"}",
            "{\"type\":\"frame\",\"image\":\"data:image/jpeg;base64,!!!\"}",
            "{\"type\":\"frame\",\"image\":\"data:image/jpeg;base64,AAAA\",\"timestamp\":1}"
        }) {
            socket.writeTextMessage(malformed);
            var reply = new JsonObject(replies.poll(60, TimeUnit.SECONDS));
            assertThat(reply.getString("type")).as("reply to %s", malformed).isEqualTo("error");
            assertThat(reply.getString("message")).isNotBlank();
        }
        assertThat(socket.isClosed()).isFalse();
        socket.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void answersWebcamSizedFramesSentAsOneWebSocketFrameLikeABrowser() throws Exception {
        var socket = connect(token(), BROWSER_FRAME);
        var replies = new LinkedBlockingQueue<String>();
        socket.textMessageHandler(replies::add);
        var frames = List.of(
                new Object[] {"1280x720 JPEG", "jpeg", TestFrames.cover(OBAMA_PROBE, 1280, 720, "jpg"), 1},
                new Object[] {"1920x1080 JPEG", "jpeg", TestFrames.cover(GROUP, 1920, 1080, "jpg"), 3},
                new Object[] {"1280x720 PNG", "png", TestFrames.cover(OBAMA_PROBE, 1280, 720, "png"), 1});
        long timestamp = 1;
        for (var frame : frames) {
            var message = frame("image/" + frame[1], (byte[]) frame[2], timestamp);
            // more than Netty's former 64 KiB frame limit, within the 4 MiB message limit
            assertThat(message.length()).as("%s message", frame[0]).isBetween(65_537, 4 * 1024 * 1024);
            socket.writeTextMessage(message);

            var result = new JsonObject(replies.poll(60, TimeUnit.SECONDS));
            assertThat(result.getString("type")).as("reply to the %s", frame[0]).isEqualTo("detection_result");
            assertThat(result.getLong("timestamp")).isEqualTo(timestamp++);
            assertThat(result.getJsonArray("faces"))
                    .as("faces of the %s", frame[0])
                    .hasSize((int) frame[3]);
        }
        assertThat(socket.isClosed()).isFalse();
        socket.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void framesOver1920x1080AreAnsweredWithAnErrorAndTheConnectionStaysOpen() throws Exception {
        var socket = connect(token(), BROWSER_FRAME);
        var replies = new LinkedBlockingQueue<String>();
        socket.textMessageHandler(replies::add);

        socket.writeTextMessage(frame("image/jpeg", TestFrames.cover(GROUP, 2560, 1440, "jpg"), 1));
        var refused = new JsonObject(replies.poll(60, TimeUnit.SECONDS));
        assertThat(refused.getString("type")).isEqualTo("error");
        assertThat(refused.getString("message")).contains("2560x1440").contains("2073600");

        socket.writeTextMessage(frame("image/jpeg", TestFrames.cover(GROUP, 1080, 1920, "jpg"), 2));
        assertThat(new JsonObject(replies.poll(60, TimeUnit.SECONDS)).getString("type"))
                .as("a portrait 1080x1920 frame")
                .isEqualTo("detection_result");
        assertThat(socket.isClosed()).isFalse();
        socket.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aMessageOverFourMebibytesIsAnsweredAndClosedWith1009() throws Exception {
        // a browser sends it as one WebSocket frame; other clients split it into 64 KiB frames
        for (int clientFrameSize : new int[] {BROWSER_FRAME, 65_536}) {
            var socket = connect(token(), clientFrameSize);
            var replies = new LinkedBlockingQueue<String>();
            var closed = new CompletableFuture<Short>();
            socket.textMessageHandler(replies::add);
            socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));

            var tooBig = frame("image/jpeg", new byte[3 * 1024 * 1024 + 1], 1);
            assertThat(tooBig.length()).isGreaterThan(4 * 1024 * 1024);
            socket.writeTextMessage(tooBig);

            var reply = new JsonObject(replies.poll(60, TimeUnit.SECONDS));
            assertThat(reply.getString("type"))
                    .as("frames of %d bytes", clientFrameSize)
                    .isEqualTo("error");
            assertThat(reply.getString("message")).contains("too big").contains("4194304");
            assertThat(closed.get(60, TimeUnit.SECONDS))
                    .as("close code, frames of %d bytes", clientFrameSize)
                    .isEqualTo((short) 1009);
        }
    }

    @Test
    void browsersPassTheTokenAsASubprotocol() throws Exception {
        var token = TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "STUDENT");
        var options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getPath())
                .addSubProtocol("bearer-token-carrier")
                .addSubProtocol("quarkus-http-upgrade#Authorization#Bearer%20" + token);
        var socket = vertx.createWebSocketClient()
                .connect(options)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertThat(socket.subProtocol()).isEqualTo("bearer-token-carrier");
        var replies = new LinkedBlockingQueue<String>();
        socket.textMessageHandler(replies::add);
        socket.writeTextMessage("{}");
        assertThat(new JsonObject(replies.poll(60, TimeUnit.SECONDS)).getString("type"))
                .isEqualTo("error");
        socket.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void refusesConnectionsWithoutAValidToken() {
        assertThatThrownBy(() -> connect(null)).hasMessageContaining("401");
        assertThatThrownBy(() -> connect("not.a.token")).hasMessageContaining("401");
    }

    private static String token() {
        return TestTokens.token(TestTokens.newTenant(), UUID.randomUUID(), "STUDENT");
    }

    private static String frame(String contentType, byte[] image, long timestamp) {
        return new JsonObject()
                .put("type", "frame")
                .put(
                        "image",
                        "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(image))
                .put("timestamp", timestamp)
                .encode();
    }

    private WebSocket connect(String token) throws Exception {
        return connect(token, 65_536);
    }

    /** A client that sends each message in frames of at most {@code frameSize} bytes. */
    private WebSocket connect(String token, int frameSize) throws Exception {
        var options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getPath());
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(frameSize))
                .connect(options)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }
}
