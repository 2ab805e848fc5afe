package io.classroom.ingest;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The webcam WebSocket as a browser uses it (JDK client): the token as a subprotocol, each message sent as one
 * WebSocket frame whatever its size, text replies collected, the close code the server sends recorded.
 */
public final class WebcamClient implements AutoCloseable {

    /** Only bounds a hang. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private final WebSocket socket;
    private final LinkedBlockingQueue<String> replies;
    private final CompletableFuture<Integer> closed;

    private WebcamClient(WebSocket socket, LinkedBlockingQueue<String> replies, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.replies = replies;
        this.closed = closed;
    }

    /** A client whose upgrade succeeded (101). */
    public static WebcamClient connect(URI baseUri, String sessionId, String token) throws Exception {
        var replies = new LinkedBlockingQueue<String>();
        var closed = new CompletableFuture<Integer>();
        var socket = builder(token)
                .buildAsync(uri(baseUri, sessionId), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            replies.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                })
                .get(HANG.toSeconds(), TimeUnit.SECONDS);
        return new WebcamClient(socket, replies, closed);
    }

    /** The HTTP status a WebSocket upgrade is refused with (the JDK client reports it), or 101 when it is accepted. */
    public static int upgradeStatus(URI baseUri, String sessionId, String token) throws Exception {
        try {
            builder(token)
                    .buildAsync(uri(baseUri, sessionId), new WebSocket.Listener() {})
                    .get(HANG.toSeconds(), TimeUnit.SECONDS)
                    .abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Sends a binary message (one frame) and returns the server's reply to it. */
    public String send(byte[] frame) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(frame), true).get(HANG.toSeconds(), TimeUnit.SECONDS);
        return reply();
    }

    /** Sends a text message (one frame) and returns the server's reply to it. */
    public String sendText(String json) throws Exception {
        socket.sendText(json, true).get(HANG.toSeconds(), TimeUnit.SECONDS);
        return reply();
    }

    /** The next reply of the server. */
    public String reply() throws InterruptedException {
        var reply = replies.poll(HANG.toSeconds(), TimeUnit.SECONDS);
        if (reply == null) {
            throw new IllegalStateException("no reply");
        }
        return reply;
    }

    /** The close code the server sent (an exception when the connection dropped without a close frame). */
    public int closeCode() throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(HANG.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** What a browser sends: the Authorization header as a URI-encoded subprotocol. */
    public static String tokenProtocol(String token) {
        return URLEncoder.encode("quarkus-http-upgrade#Authorization#Bearer " + token, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static WebSocket.Builder builder(String token) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        return token == null ? builder : builder.subprotocols("bearer-token-carrier", tokenProtocol(token));
    }

    private static URI uri(URI baseUri, String sessionId) {
        return URI.create(baseUri.toString().replaceFirst("^http", "ws") + "ws/webcam/" + sessionId);
    }
}
