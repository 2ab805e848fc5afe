package io.classroom.vision.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroom.testing.TestTokens;
import io.classroom.vision.pipeline.TestAssets;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The webcam protocol: frames in, detection results out, malformed messages answered with an error. */
@QuarkusTest
class FaceDetectionWebSocketIT {

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

    private WebSocket connect(String token) throws Exception {
        var options = new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getPath());
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return vertx.createWebSocketClient()
                .connect(options)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }
}
