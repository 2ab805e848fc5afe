package io.classroom.auth.rest;

import io.vertx.core.http.HttpServerRequest;

/** The client's address for the attempt counters. */
final class ClientAddress {

    private ClientAddress() {}

    /**
     * The peer's address, or the X-Forwarded-For address when the peer is one of
     * {@code quarkus.http.proxy.trusted-proxies} (Quarkus resolves it before the request gets here).
     */
    static String of(HttpServerRequest request) {
        return request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
    }
}
