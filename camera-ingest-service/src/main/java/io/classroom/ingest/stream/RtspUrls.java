package io.classroom.ingest.stream;

import io.classroom.ingest.Credentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parsing and redaction of RTSP URLs: credentials never reach logs, errors or the API. */
public final class RtspUrls {

    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/?#]*@");

    private RtspUrls() {}

    /** Default ports when a URL names none (RFC 7826). */
    static final int RTSP_PORT = 554;

    static final int RTSPS_PORT = 322;

    /** A URL split into its credential-free form and the credentials its userinfo carried, if any. */
    public record Parsed(String url, Optional<Credentials> credentials) {}

    /**
     * Where a camera URL points: scheme and host in lower case (an IPv6 host in brackets), the port explicit, and the
     * path with its query as the camera's requests carry it.
     */
    public record Endpoint(String scheme, String host, int port, String pathAndQuery) {

        public boolean tls() {
            return "rtsps".equals(scheme);
        }

        /** {@code scheme://host:port}: what credentials are bound to. */
        public String origin() {
            return scheme + "://" + host + ":" + port;
        }
    }

    /**
     * Validates an rtsp:// or rtsps:// URL with a host and splits off its userinfo.
     *
     * @throws IllegalArgumentException with a message that never contains the credentials
     */
    public static Parsed parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("rtspUrl is required");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("rtspUrl is not a valid URL: " + redact(raw));
        }
        var scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("rtsp") || scheme.equalsIgnoreCase("rtsps"))) {
            throw new IllegalArgumentException("rtspUrl must start with rtsp:// or rtsps://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("rtspUrl has no host: " + redact(raw));
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("rtspUrl has an invalid port: " + redact(raw));
        }
        Optional<Credentials> credentials = Optional.empty();
        var userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            var colon = userInfo.indexOf(':');
            var user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            var password = colon < 0 ? "" : userInfo.substring(colon + 1);
            credentials = Optional.of(new Credentials(decode(user), decode(password)));
        }
        return new Parsed(redact(raw.trim()), credentials);
    }

    /** The endpoint of a URL {@link #parse} accepted. */
    public static Endpoint endpoint(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("rtspUrl is not a valid URL: " + redact(url));
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("rtspUrl has no scheme or host: " + redact(url));
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "rtsps".equals(scheme) ? RTSPS_PORT : RTSP_PORT;
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        var query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Endpoint(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path + query);
    }

    /** {@code scheme://host:port} of a URL: stored credentials are bound to it. */
    public static String origin(String url) {
        return endpoint(url).origin();
    }

    /** The URL without its userinfo; works on malformed URLs too. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return USERINFO.matcher(url).replaceFirst("");
    }

    /** The URL ffmpeg gets: credentials put back into the userinfo, percent-encoded. */
    public static String withCredentials(String url, Credentials credentials) {
        if (credentials == null
                || credentials.username() == null
                || credentials.username().isEmpty()) {
            return url;
        }
        var clean = redact(url);
        var at = clean.indexOf("://") + 3;
        var userInfo = encode(credentials.username())
                + (credentials.password() == null || credentials.password().isEmpty()
                        ? ""
                        : ":" + encode(credentials.password()));
        return clean.substring(0, at) + userInfo + "@" + clean.substring(at);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
