#!/usr/bin/env python3
"""TCP forwarder that can cut the network for a while, to test how clients survive an outage.

Put it between a client and a server (for instance camera-ingest's ffmpeg, RTSP over TCP, and the test
camera); a cut closes every open connection in both directions at once and refuses new ones for N seconds:
a connection that arrives during a cut is accepted and reset at once (the port stays bound), so clients
see a fast failure, like a camera that drops off the network and refuses connections, rather than a hang.
Connections are closed with a TCP reset (RST) by default, as after a network failure, not with a clean FIN.

As a module (stdlib only, threads):

    proxy = Proxy(8655, "127.0.0.1", 8654).start()   # rtsp://127.0.0.1:8655/... now reaches the camera
    proxy.cut(10)              # returns once the open connections are closed; refuses for 10 s in the background
    proxy.cut(10, wait=True)   # same, but returns when the cut is over
    proxy.stats()              # {"accepted": .., "refused": .., "cuts": .., "open": ..}
    proxy.stop()

From the command line (stops on Ctrl-C / SIGTERM; SIGUSR1 cuts for --signal-cut seconds):

    netcut.py --listen 8655 --target 127.0.0.1:8654 --cut 20:10 --cut 60:5
        forwards 127.0.0.1:8655 to 127.0.0.1:8654 and cuts for 10 s at 20 s after start, for 5 s at 60 s
"""
import argparse
import signal
import socket
import struct
import sys
import threading
import time

POLL = 0.1  # how often blocked threads look for a cut or a stop (so a cut takes effect within this)


def log(msg):
    print(f"{time.strftime('%H:%M:%S')} netcut: {msg}", flush=True)


def _abort(sock):
    """Closes with a TCP reset (SO_LINGER 0) rather than a FIN."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


class _Connection:
    """A client connection and its upstream connection, forwarded by two threads (one per direction).

    Only the pump threads ever close the sockets (the last one to finish), so no thread can use a socket
    after another one closed it; others ask them to finish with `end()`.
    """

    def __init__(self, proxy, client, upstream):
        self.proxy = proxy
        self.client = client
        self.upstream = upstream
        self.ending = threading.Event()
        self.reset = proxy.reset
        self._running = 2
        self._lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True),
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True),
        ]

    def start(self):
        for sock in (self.client, self.upstream):
            sock.settimeout(POLL)
        for thread in self.threads:
            thread.start()

    def end(self, reset=None):
        if reset is not None:
            self.reset = reset
        self.ending.set()

    def join(self, timeout):
        for thread in self.threads:
            thread.join(timeout)

    def _pump(self, src, dst):
        try:
            while not self.ending.is_set():
                try:
                    data = src.recv(65536)
                except socket.timeout:
                    continue
                if not data:
                    break  # one side closed: close the other one too (RTSP has no use for half-open)
                view = memoryview(data)
                while view and not self.ending.is_set():
                    try:
                        view = view[dst.send(view):]
                    except socket.timeout:
                        continue
        except OSError:
            pass  # reset by a peer, ...
        finally:
            self.ending.set()
            with self._lock:
                self._running -= 1
                last = self._running == 0
            if last:
                for sock in (self.client, self.upstream):
                    if self.reset:
                        _abort(sock)
                    else:
                        sock.close()
                self.proxy._forget(self)


class Proxy:
    """Forwards listen_host:listen_port to target_host:target_port; see the module doc.

    listen_port 0 picks a free port (see `.port` after start()). reset=False closes with FIN instead of RST.
    quiet=True keeps it from logging its cuts and refusals to stdout.
    """

    def __init__(self, listen_port, target_host, target_port, listen_host="127.0.0.1", reset=True, quiet=False):
        self.log = (lambda _msg: None) if quiet else log
        self.listen_host = listen_host
        self.port = listen_port
        self.target = (target_host, target_port)
        self.reset = reset
        self.accepted = 0  # connections forwarded
        self.refused = 0  # connections reset because they came during a cut
        self.cuts = 0
        self._lock = threading.Lock()
        self._connections = set()
        self._cut_until = 0.0  # time.monotonic() until which new connections are refused
        self._stopping = threading.Event()
        self._listener = None
        self._thread = None

    # -- lifecycle

    def start(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.listen_host, self.port))
        listener.listen(64)
        listener.settimeout(POLL)
        self._listener = listener
        self.port = listener.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, name="netcut-accept", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stops listening and closes every connection (with a FIN); returns when all is closed."""
        self._stopping.set()
        if self._thread:
            self._thread.join()
        self._end_all(reset=False)

    def __enter__(self):
        return self.start()

    def __exit__(self, *_exc):
        self.stop()

    # -- cuts

    def cut(self, seconds, wait=False):
        """Cuts the network for `seconds`: closes every open connection in both directions, then refuses new
        ones until the cut is over.

        Returns once the open connections are closed (within a few tenths of a second); the refusal goes on
        in the background, unless wait=True, which returns when the cut is over. A cut during a cut extends it
        if it ends later. Returns the number of connections closed.
        """
        with self._lock:
            self._cut_until = max(self._cut_until, time.monotonic() + seconds)
            self.cuts += 1
        closed = self._end_all(reset=self.reset)
        self.log(f"cut for {seconds:g} s: closed {closed} connection(s)")
        if wait:
            self.wait_cut()
        return closed

    def cutting(self):
        """True while a cut is on."""
        return time.monotonic() < self._cut_until

    def wait_cut(self):
        """Blocks until the current cut (if any) is over."""
        while True:
            left = self._cut_until - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, POLL))

    def stats(self):
        with self._lock:
            return {"accepted": self.accepted, "refused": self.refused, "cuts": self.cuts,
                    "open": len(self._connections), "cutting": self.cutting()}

    # -- internals

    def _end_all(self, reset):
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            connection.end(reset)
        for connection in connections:
            connection.join(5 * POLL + 1)
        return len(connections)

    def _forget(self, connection):
        with self._lock:
            self._connections.discard(connection)

    def _accept_loop(self):
        try:
            while not self._stopping.is_set():
                try:
                    client, peer = self._listener.accept()
                except socket.timeout:
                    continue
                if self.cutting():
                    with self._lock:
                        self.refused += 1
                    _abort(client)
                    self.log(f"refused {peer[0]}:{peer[1]} (cut)")
                    continue
                threading.Thread(target=self._connect, args=(client, peer), daemon=True).start()
        finally:
            self._listener.close()

    def _connect(self, client, peer):
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError as error:
            self.log(f"cannot reach {self.target[0]}:{self.target[1]} for {peer[0]}:{peer[1]}: {error}")
            _abort(client)
            return
        for sock in (client, upstream):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        connection = _Connection(self, client, upstream)
        with self._lock:
            # A cut (or stop) that began while connecting must not miss this connection.
            refuse = self.cutting() or self._stopping.is_set()
            if refuse:
                self.refused += 1
            else:
                self.accepted += 1
                self._connections.add(connection)
        if refuse:
            _abort(client)
            _abort(upstream)
            return
        connection.start()


def parse_target(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT")
    return host, int(port)


def parse_cut(text):
    at, _, seconds = text.partition(":")
    try:
        return float(at), float(seconds)
    except ValueError:
        raise argparse.ArgumentTypeError("expected AT:SECONDS (seconds after start, length)") from None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", type=int, required=True, help="port to listen on")
    parser.add_argument("--listen-host", default="127.0.0.1")
    parser.add_argument("--target", type=parse_target, required=True, help="HOST:PORT to forward to")
    parser.add_argument("--cut", type=parse_cut, action="append", default=[], metavar="AT:SECONDS",
                        help="cut for SECONDS at AT seconds after start (repeatable)")
    parser.add_argument("--signal-cut", type=float, default=10, metavar="SECONDS",
                        help="length of the cut that SIGUSR1 triggers (default 10)")
    parser.add_argument("--fin", action="store_true", help="close connections with FIN instead of RST")
    args = parser.parse_args()

    proxy = Proxy(args.listen, *args.target, listen_host=args.listen_host, reset=not args.fin).start()
    log(f"forwarding {args.listen_host}:{proxy.port} to {args.target[0]}:{args.target[1]}")
    started = time.monotonic()
    done = threading.Event()

    def scheduled_cuts():
        for at, seconds in sorted(args.cut):
            if done.wait(max(0.0, started + at - time.monotonic())):
                return
            proxy.cut(seconds)

    threading.Thread(target=scheduled_cuts, daemon=True).start()
    # Signal handlers only set flags: cuts run in the main loop below.
    pending_cuts = []
    signal.signal(signal.SIGUSR1, lambda *_: pending_cuts.append(args.signal_cut))
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    try:
        while not done.wait(0.2):
            while pending_cuts:
                proxy.cut(pending_cuts.pop())
    except KeyboardInterrupt:
        pass
    done.set()
    proxy.stop()
    log(f"stopped: {proxy.stats()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
