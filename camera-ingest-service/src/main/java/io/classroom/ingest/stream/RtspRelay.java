package io.classroom.ingest.stream;

import io.quarkus.logging.Log;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One RTSP connection to a camera, relayed for one ffmpeg/ffprobe run: connects to the checked addresses (TLS with
 * certificate and host name verification for rtsps), then listens on a loopback port for the one connection of the
 * ffmpeg it was opened for, and copies bytes both ways (RTP comes interleaved on the same connection, {@code
 * -rtsp_transport tcp}). Replies are read as RTSP messages on the way, which lets the relay
 *
 * <ul>
 *   <li>refuse redirects: ffmpeg follows a 3xx reply's {@code Location} to any host, re-sending the credentials, and
 *       has no option to stop it; the relay never passes a 3xx reply (or a server's REDIRECT request) on, it closes
 *       the connection instead ({@code NOT_ALLOWED});
 *   <li>tell a server that answers RTSP from anything else: a closed port, a silent one and one that speaks another
 *       protocol all read as {@code UNREACHABLE}.
 * </ul>
 *
 * Blocking: connect on a worker or stream thread; the relay's own two threads end with either side's connection.
 */
public final class RtspRelay implements Closeable {

    /** Longest RTSP header block and body accepted from a camera (ffmpeg's own limits are lower). */
    private static final int MAX_HEAD = 64 * 1024;

    private static final int MAX_BODY = 1024 * 1024;

    /** What came back from the camera, by precedence: a redirect beats everything. */
    private enum Verdict {
        NOTHING,
        RTSP,
        NOT_RTSP,
        REDIRECTED
    }

    private final RtspUrls.Endpoint endpoint;
    private final List<InetAddress> addresses;
    private final SSLSocketFactory tls;
    private final boolean verifyHost;
    private final Duration timeout;

    private volatile boolean closed;
    private volatile Socket upstream;
    private volatile ServerSocket listener;
    private volatile Socket downstream;
    private volatile InetAddress connectedTo;
    private volatile String ffmpegUrl;
    private volatile Verdict verdict = Verdict.NOTHING;

    RtspRelay(
            RtspUrls.Endpoint endpoint,
            List<InetAddress> addresses,
            SSLSocketFactory tls,
            boolean verifyHost,
            Duration timeout) {
        this.endpoint = endpoint;
        this.addresses = addresses;
        this.tls = tls;
        this.verifyHost = verifyHost;
        this.timeout = timeout;
    }

    /**
     * Connects to the first checked address that answers (TLS handshake included) and starts listening for ffmpeg.
     * {@link #close()} from another thread aborts it.
     *
     * @throws IOException when no address accepts the connection or the TLS handshake fails
     */
    public void connect() throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        IOException failure = null;
        for (var address : addresses) {
            var socket = new Socket();
            upstream = socket;
            if (closed) {
                break;
            }
            try {
                socket.connect(new InetSocketAddress(address, endpoint.port()), millis);
                connectedTo = address;
                break;
            } catch (IOException e) {
                failure = e;
                quietly(socket);
            }
        }
        if (closed) {
            throw new IOException("relay closed");
        }
        if (connectedTo == null) {
            throw failure != null ? failure : new IOException("no address");
        }
        var socket = upstream;
        socket.setTcpNoDelay(true);
        if (tls != null) {
            socket.setSoTimeout(millis);
            var secure = (SSLSocket) tls.createSocket(socket, bare(endpoint.host()), endpoint.port(), true);
            var parameters = secure.getSSLParameters();
            if (verifyHost) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            secure.setSSLParameters(parameters);
            upstream = secure;
            secure.startHandshake();
            secure.setSoTimeout(0);
        }
        var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(millis);
        listener = server;
        ffmpegUrl = "rtsp://" + hostLiteral(server.getInetAddress()) + ":" + server.getLocalPort()
                + endpoint.pathAndQuery();
        if (closed) {
            close();
            throw new IOException("relay closed");
        }
        var thread = new Thread(this::acceptAndRelay, "rtsp-relay-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** The address the relay connected to (for the log). */
    public InetAddress connectedTo() {
        return connectedTo;
    }

    /**
     * What ffmpeg opens instead of the camera URL: plain RTSP to this relay, with the camera's path and query (the
     * caller adds the credentials).
     */
    public String ffmpegUrl() {
        return ffmpegUrl;
    }

    /**
     * Why ffmpeg got nothing, when the relay knows better than ffmpeg's messages: the camera redirected ({@code
     * NOT_ALLOWED}) or nothing that reads as RTSP came back ({@code UNREACHABLE}). Empty once the camera answered
     * RTSP: then ffmpeg's own messages tell.
     */
    public Optional<FailureReason> failure() {
        return switch (verdict) {
            case RTSP -> Optional.empty();
            case REDIRECTED -> Optional.of(FailureReason.NOT_ALLOWED);
            case NOTHING, NOT_RTSP -> Optional.of(FailureReason.UNREACHABLE);
        };
    }

    @Override
    public void close() {
        closed = true;
        quietly(listener);
        quietly(downstream);
        quietly(upstream);
    }

    private void acceptAndRelay() {
        try {
            try (var server = listener) {
                downstream = server.accept();
            }
            downstream.setTcpNoDelay(true);
            var requests =
                    new Thread(this::relayRequests, Thread.currentThread().getName() + "-out");
            requests.setDaemon(true);
            requests.start();
            var toFfmpeg = new BufferedOutputStream(downstream.getOutputStream(), MAX_HEAD);
            try {
                relayReplies(new BufferedInputStream(upstream.getInputStream(), MAX_HEAD), toFfmpeg);
            } finally {
                // What passed before the end (or a refused message) still reaches ffmpeg.
                toFfmpeg.flush();
            }
        } catch (IOException e) {
            // ffmpeg never came, or either side closed: the run is over.
        } finally {
            close();
        }
    }

    /** ffmpeg's requests go to the camera unchanged. */
    private void relayRequests() {
        try {
            downstream.getInputStream().transferTo(upstream.getOutputStream());
        } catch (IOException e) {
            // Either side closed.
        } finally {
            close();
        }
    }

    private void relayReplies(InputStream in, OutputStream out) throws IOException {
        var buffer = new byte[16 * 1024];
        while (!closed) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            if (first == '$') {
                // Interleaved RTP/RTCP: '$', channel, 16-bit length, payload. Only after the camera spoke RTSP.
                if (verdict != Verdict.RTSP) {
                    refuse(Verdict.NOT_RTSP);
                    return;
                }
                var header = in.readNBytes(3);
                if (header.length < 3) {
                    return;
                }
                out.write(first);
                out.write(header);
                copy(in, out, ((header[1] & 0xff) << 8) | (header[2] & 0xff), buffer);
            } else {
                var head = readHead(in, first);
                if (head == null || !inspect(new String(head, StandardCharsets.ISO_8859_1))) {
                    return;
                }
                out.write(head);
                int length = contentLength(new String(head, StandardCharsets.ISO_8859_1));
                if (length < 0 || length > MAX_BODY) {
                    return;
                }
                copy(in, out, length, buffer);
            }
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    /** Whether a message may pass: an RTSP reply that is no redirect, or a request of a camera that spoke RTSP. */
    private boolean inspect(String head) {
        var startLine = head.lines().findFirst().orElse("");
        if (startLine.startsWith("RTSP/")) {
            var parts = startLine.split(" ", 3);
            int status;
            try {
                status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                status = -1;
            }
            if (status < 100 || status > 999) {
                return refuse(Verdict.NOT_RTSP);
            }
            if (status >= 300 && status < 400) {
                Log.warnf(
                        "camera %s answered %d with Location %s: redirect refused, the connection is closed",
                        endpoint.origin(), status, RtspUrls.redact(header(head, "location")));
                return refuse(Verdict.REDIRECTED);
            }
            if (verdict == Verdict.NOTHING) {
                verdict = Verdict.RTSP;
            }
            return true;
        }
        if (verdict != Verdict.RTSP) {
            // Before any RTSP reply, anything else is another protocol (or a greeting banner).
            return refuse(Verdict.NOT_RTSP);
        }
        if (startLine.toUpperCase(Locale.ROOT).startsWith("REDIRECT ")) {
            Log.warnf("camera %s sent a REDIRECT request: refused, the connection is closed", endpoint.origin());
            return refuse(Verdict.REDIRECTED);
        }
        return true;
    }

    private boolean refuse(Verdict why) {
        if (why == Verdict.REDIRECTED || verdict == Verdict.NOTHING) {
            verdict = why;
        }
        return false;
    }

    /** The message's start line and headers up to the empty line, or null when too long or cut off. */
    private static byte[] readHead(InputStream in, int first) throws IOException {
        var head = new ByteArrayOutputStream(512);
        int next = first;
        int newlines = 0;
        while (true) {
            head.write(next);
            if (next == '\n') {
                if (++newlines == 2) {
                    return head.toByteArray();
                }
            } else if (next != '\r') {
                newlines = 0;
            }
            next = in.read();
            if (next < 0 || head.size() >= MAX_HEAD) {
                return null;
            }
        }
    }

    private static int contentLength(String head) {
        var value = header(head, "content-length");
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String header(String head, String name) {
        return head.lines()
                .skip(1)
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst()
                .orElse(null);
    }

    private static void copy(InputStream in, OutputStream out, int length, byte[] buffer) throws IOException {
        int left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("cut off");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String hostLiteral(InetAddress address) {
        var text = address.getHostAddress();
        return text.contains(":") ? "[" + text + "]" : text;
    }

    private static void quietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // Already closed or broken: nothing to keep.
            }
        }
    }
}
