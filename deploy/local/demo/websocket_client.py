"""A minimal RFC 6455 WebSocket client on a plain socket (only the standard library): the benchmark's teacher feeds,
the checks' webcams and live feeds. Browsers pass the access token as a subprotocol, and so does `connect`."""
import base64
import hashlib
import os
import socket
import threading
import time
import urllib.parse


def connect(url, token=None, timeout=10):
    """A WebSocket to `url`, carrying the token the way browsers do (Sec-WebSocket-Protocol)."""
    subprotocols = []
    if token:
        subprotocols = ["bearer-token-carrier",
                        "quarkus-http-upgrade#Authorization#" + urllib.parse.quote("Bearer " + token, safe="")]
    return WebSocket(url, subprotocols, timeout)


def xor(payload, mask):
    """The payload masked (or unmasked) with the 4-byte key, at C speed."""
    n = len(payload)
    if not n:
        return payload
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big")


class WebSocketError(Exception):
    pass


class WebSocket:
    """Client side of RFC 6455 on a plain socket: text messages in, ping answered with pong, close handshake."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # fixed by the RFC for Sec-WebSocket-Accept

    def __init__(self, url, subprotocols=(), timeout=10):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "ws":
            raise WebSocketError(f"only ws:// URLs: {url}")
        host, port = parts.hostname, parts.port or 80
        path = parts.path + ("?" + parts.query if parts.query else "")
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buffer = b""
        self.send_lock = threading.Lock()
        self.closing = False
        self.close_code = None  # the server's close status code, once it closed
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        if subprotocols:
            lines.append("Sec-WebSocket-Protocol: " + ", ".join(subprotocols))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk or len(self.buffer) > 65536:
                raise WebSocketError(f"no upgrade answer from {host}:{port}{path}")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status, *header_lines = head.decode("iso-8859-1").split("\r\n")
        if status.split(" ")[1:2] != ["101"]:
            raise WebSocketError(f"upgrade refused: {status}")
        headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != accept:
            raise WebSocketError("wrong Sec-WebSocket-Accept in the upgrade answer")
        self.sock.settimeout(None)

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise WebSocketError("connection closed without a close frame")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _frame(self):
        b0, b1 = self._read(2)
        fin, opcode, masked, length = b0 & 0x80, b0 & 0x0F, b1 & 0x80, b1 & 0x7F
        if length == 126:
            length = int.from_bytes(self._read(2), "big")
        elif length == 127:
            length = int.from_bytes(self._read(8), "big")
        mask = self._read(4) if masked else None  # servers do not mask, but a masked frame is still readable
        payload = self._read(length)
        if mask:
            payload = xor(payload, mask)
        return bool(fin), opcode, payload

    def send(self, opcode, payload=b""):
        # Client frames are always masked (RFC 6455 5.3); one frame per message.
        mask = os.urandom(4)
        n = len(payload)
        header = bytes([0x80 | opcode])
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            header += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        masked = xor(payload, mask)
        with self.send_lock:
            self.sock.sendall(header + mask + masked)

    def recv(self):
        """The next text (or binary) message as (received_at, bytes); None once the connection is closed."""
        message, kind = b"", None
        while True:
            try:
                fin, opcode, payload = self._frame()
            except (OSError, WebSocketError):
                if self.closing:
                    return None
                raise
            if opcode == 0x8:  # close: answer it (unless we started it), then stop
                if len(payload) >= 2:
                    self.close_code = int.from_bytes(payload[:2], "big")
                if not self.closing:
                    self.closing = True
                    try:
                        self.send(0x8, payload[:2])
                    except OSError:
                        pass
                return None
            if opcode == 0x9:  # ping
                self.send(0xA, payload)
                continue
            if opcode == 0xA:  # pong
                continue
            if opcode in (0x1, 0x2):
                message, kind = payload, opcode
            elif opcode == 0x0 and kind is not None:  # continuation of a fragmented message
                message += payload
            else:
                raise WebSocketError(f"unexpected frame opcode {opcode}")
            if fin:
                # Taken when the last byte of the message is in: the moment a browser would see it.
                return time.time(), message

    def close(self, code=1000):
        if not self.closing:
            self.closing = True
            try:
                self.send(0x8, code.to_bytes(2, "big"))
            except OSError:
                pass

    def shutdown(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
