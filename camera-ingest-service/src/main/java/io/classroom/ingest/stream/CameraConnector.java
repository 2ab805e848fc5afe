package io.classroom.ingest.stream;

import io.classroom.ingest.security.AllowedNetworks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The only way to a camera: resolves the camera's host once, refuses it when any of its addresses is outside the
 * egress allow-list, and hands out a {@link RtspRelay} that connects to exactly those checked addresses. ffmpeg and
 * ffprobe only ever talk to the relay on loopback, so they never resolve the name again (no DNS rebinding), never do
 * TLS themselves (they cannot verify certificates inside RTSP) and cannot follow a redirect anywhere.
 */
public final class CameraConnector {

    /** Resolves a host name to all its addresses; the system resolver, or a fixed table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final AllowedNetworks allowed;
    private final Resolver resolver;
    private final SSLSocketFactory verifying;
    private final SSLSocketFactory trustingAny;

    /** {@code verifying} holds the trust anchors of camera certificates (the JVM's, or a school's own CA). */
    public CameraConnector(AllowedNetworks allowed, Resolver resolver, SSLContext verifying) {
        this.allowed = allowed;
        this.resolver = resolver;
        this.verifying = verifying.getSocketFactory();
        this.trustingAny = trustingAny().getSocketFactory();
    }

    /**
     * Resolves and checks the camera's host; nothing is sent yet.
     *
     * @param tlsVerify for rtsps: verify the certificate chain and that it names the host (an admin may turn it off)
     * @param timeout bounds connecting, the TLS handshake and ffmpeg connecting to the relay
     * @throws NotAllowedException when an address of the host is outside the allow-list
     * @throws UnknownHostException when the host has no address
     */
    public RtspRelay prepare(String cameraUrl, boolean tlsVerify, Duration timeout)
            throws NotAllowedException, UnknownHostException {
        var endpoint = RtspUrls.endpoint(cameraUrl);
        var addresses = List.of(resolver.resolve(endpoint.host()));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(endpoint.host());
        }
        var refused = addresses.stream().filter(a -> !allowed.allows(a)).toList();
        if (!refused.isEmpty()) {
            throw new NotAllowedException(endpoint.host() + " resolves to " + refused
                    + ", outside ingest.cameras.allowed-networks " + allowed);
        }
        var tls = endpoint.tls() ? (tlsVerify ? verifying : trustingAny) : null;
        return new RtspRelay(endpoint, addresses, tls, tlsVerify, timeout);
    }

    /** For cameras an admin marked {@code tlsVerify=false}: encrypted, but any certificate is accepted. */
    private static SSLContext trustingAny() {
        var acceptAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // Never used: this side is the client.
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // The admin chose not to verify this camera's certificate.
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
