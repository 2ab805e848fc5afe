package io.classroom.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A scripted RTSP server on a loopback address for tests: records every connection and request (with its {@code
 * Authorization} header) and answers each request with what its script says (null: close the connection).
 */
public final class FakeRtspServer implements AutoCloseable {

    /** One request as the server received it; header names in lower case. */
    public record Request(String method, String uri, Map<String, String> headers) {

        public Optional<String> authorization() {
            return Optional.ofNullable(headers.get("authorization"));
        }

        public String cseq() {
            return headers.getOrDefault("cseq", "0");
        }
    }

    private final ServerSocket server;
    private final Function<Request, String> script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeRtspServer(ServerSocket server, Function<Request, String> script) {
        this.server = server;
        this.script = script;
        var thread = new Thread(this::serve, "fake-rtsp-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public static FakeRtspServer start(String bindAddress, Function<Request, String> script) throws IOException {
        return new FakeRtspServer(new ServerSocket(0, 10, InetAddress.getByName(bindAddress)), script);
    }

    /** The same over TLS (rtsps) with the certificate of {@code tls}. */
    public static FakeRtspServer startTls(String bindAddress, SSLContext tls, Function<Request, String> script)
            throws IOException {
        return new FakeRtspServer(
                tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getByName(bindAddress)), script);
    }

    /**
     * A camera that wants credentials: OPTIONS answers 200, any other request without {@code Authorization} 401
     * (Basic, the scheme that would hand over the password), with one 404 (it has no stream: no video either way).
     */
    public static FakeRtspServer askingForCredentials(String bindAddress) throws IOException {
        return start(bindAddress, request -> {
            if (request.method().equals("OPTIONS")) {
                return reply(request, "200 OK", "Public: DESCRIBE, SETUP, PLAY, TEARDOWN\r\n");
            }
            if (request.authorization().isEmpty()) {
                return reply(request, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"camera\"\r\n");
            }
            return reply(request, "404 Not Found", "");
        });
    }

    /** A camera that redirects every request but OPTIONS to {@code location}, after asking for credentials. */
    public static FakeRtspServer redirecting(String bindAddress, String location) throws IOException {
        return start(bindAddress, request -> {
            if (request.method().equals("OPTIONS")) {
                return reply(request, "200 OK", "Public: DESCRIBE, SETUP, PLAY, TEARDOWN\r\n");
            }
            if (request.authorization().isEmpty()) {
                return reply(request, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"camera\"\r\n");
            }
            return reply(request, "302 Found", "Location: " + location + "\r\n");
        });
    }

    public static String reply(Request request, String status, String headers) {
        return "RTSP/1.0 " + status + "\r\nCSeq: " + request.cseq() + "\r\n" + headers + "\r\n";
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url(String path) {
        return "rtsp://" + server.getInetAddress().getHostAddress() + ":" + port() + path;
    }

    public int connections() {
        return connections.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                connections.incrementAndGet();
                var thread = new Thread(() -> answer(socket), "fake-rtsp-client");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket;
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            while (true) {
                var start = in.readLine();
                if (start == null) {
                    return;
                }
                if (start.isEmpty()) {
                    continue;
                }
                var headers = new LinkedHashMap<String, String>();
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(
                                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim());
                    }
                }
                var parts = start.split(" ");
                var request = new Request(parts[0], parts.length > 1 ? parts[1] : "", headers);
                requests.add(request);
                var answer = script.apply(request);
                if (answer == null) {
                    return;
                }
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // The client went away.
        }
    }
}
