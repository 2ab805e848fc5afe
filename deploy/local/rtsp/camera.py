#!/usr/bin/python3
"""RTSP test camera for local runs: serves an H.264 MP4 file in a loop with GStreamer's RTSP server.

It behaves like a live camera whose video started when its first client came, so that demo sessions
start at t=0 of the video and a reconnect after a network drop continues where a real camera would be:

- A client that connects to an idle mount (no client for more than --rejoin-window seconds, default 30)
  sees the video from t=0, and the moment it starts playing becomes the mount's epoch.
- A client that connects while another client of the mount is playing, or within the rejoin window after
  the last one left, joins at the live position: (now - epoch) modulo the video's duration, rounded down
  to the keyframe at or before it (a client can only start decoding at a keyframe).

The video loops forever at real-time speed. Each client still gets its own pipeline (non-shared media),
which starts at the chosen keyframe. A client counts from its PLAY (a DESCRIBE alone, as in a probe, does
not) until its media is torn down: TEARDOWN, or its connection closing for RTSP over TCP (a UDP client that
vanishes without TEARDOWN counts until its session times out, 60 s).
The log says where each client starts ("client joins /classroom at t=37.0 s (live)").

Mounts (each has its own epoch):
  /classroom          the video
  /cam1 .. /camN      the same video (--mounts N), for load tests
  /secure             the same video behind basic auth (--user/--password)

Run with Debian's /usr/bin/python3 (needs python3-gi and the GStreamer RTSP server typelib).
"""

import argparse
import bisect
import json
import os
import shutil
import signal
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

SEGMENT_PATTERN = "seg%05d.h264"
INDEX_FILE = "index.json"
INDEX_VERSION = 1


def log(msg):
    print(f"camera: {msg}", flush=True)


class Segments:
    """The video's H.264 track as one Annex-B file per GOP (each file starts with SPS, PPS and an IDR frame).

    Elementary streams can be read in a loop by multifilesrc and re-timed by h264parse, which gives
    gapless looping with steadily increasing timestamps (an MP4 cannot simply be concatenated); one file
    per GOP lets a pipeline start at any keyframe.
    """

    def __init__(self, directory, index):
        self.directory = directory
        self.fps = index["fps"]
        self.frames = index["frames"]
        self.duration = index["duration"]
        self.starts = index["starts"]  # start time (s) of each segment on the video's timeline

    @property
    def pattern(self):
        return os.path.join(self.directory, SEGMENT_PATTERN)

    def keyframe_at_or_before(self, position):
        """(segment index, its start time) for a position in seconds within [0, duration)."""
        k = max(0, bisect.bisect_right(self.starts, position + 1e-6) - 1)
        return k, self.starts[k]


def extract_segments(video, cache_dir):
    """Splits the MP4's H.264 track into one Annex-B file per GOP, once (no re-encoding).

    The split is made at every buffer that h264parse does not flag as a delta unit (IDR frames), so nothing
    is assumed about the GOP length. h264parse puts SPS/PPS in front of every IDR (config-interval=-1):
    a pipeline that starts at a later segment needs them in-band. Times assume a constant frame rate (the
    playback re-times frames from the frame rate anyway): frame i is at i/fps.
    """
    os.makedirs(cache_dir, exist_ok=True)
    base = os.path.join(cache_dir, os.path.splitext(os.path.basename(video))[0])
    out = base + ".segments"
    index_path = os.path.join(out, INDEX_FILE)
    try:
        if os.path.getmtime(index_path) >= os.path.getmtime(video):
            with open(index_path) as f:
                index = json.load(f)
            if index.get("version") == INDEX_VERSION:
                return Segments(out, index)
    except (OSError, ValueError):
        pass  # missing or unreadable: extract again

    # Earlier versions kept the whole stream in one file: no longer used.
    for legacy in (base + ".h264", base + ".h264.fps"):
        if os.path.exists(legacy):
            os.remove(legacy)
    tmp = out + ".part"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    pipeline = Gst.parse_launch(
        f'filesrc location="{video}" ! qtdemux ! h264parse name=parse config-interval=-1 '
        "! video/x-h264,stream-format=byte-stream,alignment=au "
        "! appsink name=sink sync=false max-buffers=64"
    )
    sink = pipeline.get_by_name("sink")
    pipeline.set_state(Gst.State.PLAYING)
    frame_starts, frames, current = [], 0, None
    try:
        while True:
            sample = sink.emit("try-pull-sample", 30 * Gst.SECOND)
            if sample is None:
                break  # EOS, an error or a stall: looked at below
            buf = sample.get_buffer()
            if not buf.has_flags(Gst.BufferFlags.DELTA_UNIT):
                if current:
                    current.close()
                current = open(os.path.join(tmp, SEGMENT_PATTERN % len(frame_starts)), "wb")
                frame_starts.append(frames)
            if current is None:
                raise SystemExit(f"camera: {video} does not start with a keyframe")
            ok, info = buf.map(Gst.MapFlags.READ)
            current.write(info.data)
            buf.unmap(info)
            frames += 1
        caps = pipeline.get_by_name("parse").get_static_pad("src").get_current_caps()
        # The pipeline posts EOS once the sink has it, which can be just after the last pull returned.
        msg = pipeline.get_bus().timed_pop_filtered(10 * Gst.SECOND, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    finally:
        if current:
            current.close()
        pipeline.set_state(Gst.State.NULL)
    if msg is None or msg.type == Gst.MessageType.ERROR or not frame_starts:
        detail = msg.parse_error()[0].message if msg and msg.type == Gst.MessageType.ERROR else "no H.264 frames"
        raise SystemExit(f"camera: cannot read H.264 from {video}: {detail}")
    ok, num, den = caps.get_structure(0).get_fraction("framerate")
    if not ok or num == 0:
        raise SystemExit(f"camera: {video} has no frame rate in its H.264 track")

    index = {
        "version": INDEX_VERSION,
        "source": os.path.basename(video),
        "fps": f"{num}/{den}",
        "frames": frames,
        "duration": frames * den / num,
        "starts": [round(f * den / num, 6) for f in frame_starts],
    }
    with open(os.path.join(tmp, INDEX_FILE), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    log(f"extracted H.264 of {os.path.basename(video)}: {frames} frames at {index['fps']} fps, "
        f"{len(frame_starts)} keyframes")
    return Segments(out, index)


def copy_dts_to_pts(_pad, info):
    # h264parse only interpolates DTS on a raw stream; the payloader needs PTS. Without B-frames they are equal.
    buf = info.get_buffer()
    if buf is not None and buf.pts == Gst.CLOCK_TIME_NONE:
        buf.pts = buf.dts
    return Gst.PadProbeReturn.OK


def loop_from_start(pad, _info):
    # Runs in the streaming thread, the one that reads start-index in multifilesrc's create().
    pad.get_parent_element().set_property("start-index", 0)
    return Gst.PadProbeReturn.REMOVE


class Client:
    """Where one client's pipeline starts, and whether it plays yet."""

    def __init__(self, start, live):
        self.start = start  # position of its first frame on the video's timeline (s)
        self.live = live  # joined a running timeline (else it starts one at t=0)
        self.playing = False


class Mount:
    """One mount's live timeline: its epoch and which of its clients are playing.

    A client counts from its first PLAY (a DESCRIBE alone, as in a probe, neither starts nor keeps the
    timeline) until its media is torn down.
    """

    def __init__(self, path, segments, rejoin_window):
        self.path = path
        self.segments = segments
        self.rejoin_window = rejoin_window
        self.lock = threading.Lock()  # media signals come from the server's threads
        self.playing = set()  # clients of this mount that play
        self.epoch = None  # time.monotonic() at which the current timeline was at t=0
        self.last_left = None  # time.monotonic() at which the last client left

    def factory(self):
        factory = GstRtspServer.RTSPMediaFactory()
        # multifilesrc reads one whole segment file per buffer, from the client's start segment (set in
        # on_media_configure) to the last, then again from start-index (loop=true). It must not be given a
        # frame rate: it would then stamp each file as one frame (and a seek would send it to file 0).
        # h264parse instead stamps every frame from the stream's own frame rate (continuing across loops),
        # and the server's sinks pace the output on those timestamps, which gives real-time speed.
        last = len(self.segments.starts) - 1
        factory.set_launch(
            f'( multifilesrc name=src location="{self.segments.pattern}" start-index=0 stop-index={last} '
            'loop=true caps="video/x-h264,stream-format=byte-stream,alignment=au" '
            "! h264parse name=parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )"
        )
        factory.connect("media-configure", self.on_media_configure)
        # One pipeline per client, each started at the keyframe that on_media_configure picks.
        factory.set_shared(False)
        return factory

    def on_media_configure(self, _factory, media):
        # Called once per client, at its DESCRIBE (or SETUP), before the pipeline prerolls: the start segment
        # must be chosen here. The live position is the one at this moment; PLAY follows within milliseconds.
        now = time.monotonic()
        with self.lock:
            recent = self.last_left is not None and now - self.last_left <= self.rejoin_window
            live = self.epoch is not None and (self.playing or recent)
            if live:
                k, start = self.segments.keyframe_at_or_before((now - self.epoch) % self.segments.duration)
            else:
                k, start = 0, 0.0
        client = Client(start, live)
        element = media.get_element()
        src = element.get_by_name("src")
        if k:
            # In GStreamer 1.22, setting "index" before the source starts sets "start-index", the index that the
            # loop goes back to, so the client would loop over [k, last]. Start at k, then once the first file
            # is read (the index is then k + 1) set start-index back to 0 so that the loop covers the whole video.
            src.set_property("start-index", k)
            src.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, loop_from_start)
        element.get_by_name("parse").get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, copy_dts_to_pts)
        media.connect("new-state", self.on_new_state, client)
        media.connect("unprepared", self.on_unprepared, client)

    def on_new_state(self, _media, state, client):
        # The pipeline prerolls at DESCRIBE but the video only runs from PLAY: a new timeline's t=0 is then.
        if state != Gst.State.PLAYING or client.playing:
            return
        with self.lock:
            client.playing = True
            if not client.live and not self.playing:
                self.epoch = time.monotonic()
            self.playing.add(client)
        where = f"t={client.start:.1f} s (live)" if client.live else "t=0 (idle mount)"
        log(f"client joins {self.path} at {where}")

    def on_unprepared(self, _media, client):
        message = None
        with self.lock:
            if client not in self.playing:
                return
            self.playing.discard(client)
            if not self.playing:
                self.last_left = time.monotonic()
                position = (self.last_left - self.epoch) % self.segments.duration
                message = f"last client left {self.path} at t={position:.1f} s"
        if message:
            log(message)


def role_token(role):
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, role)
    return token


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--video", required=True, help="H.264 MP4 file to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("--cache-dir", required=True, help="where the extracted H.264 segments are kept")
    parser.add_argument("--mounts", type=int, default=0, help="also serve /cam1 .. /camN")
    parser.add_argument("--user", help="user for the /secure mount (basic auth)")
    parser.add_argument("--password", help="password for the /secure mount")
    parser.add_argument("--rejoin-window", type=float, default=30.0,
                        help="seconds after the last client left during which a new client still joins at "
                             "the live position (default 30); later, the video starts again at t=0")
    args = parser.parse_args()
    if bool(args.user) != bool(args.password):
        parser.error("--user and --password go together")
    if not os.path.isfile(args.video):
        parser.error(f"no such video: {args.video}")

    Gst.init(None)
    segments = extract_segments(args.video, args.cache_dir)

    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    paths = ["/classroom"] + [f"/cam{i}" for i in range(1, args.mounts + 1)]
    if args.user:
        paths.append("/secure")
    factories = {path: Mount(path, segments, args.rejoin_window).factory() for path in paths}

    if args.user:
        # With an auth object every mount needs roles: clients with the credentials get the "camera-user"
        # role, anonymous clients the "anonymous" role; /secure admits only the former.
        auth = GstRtspServer.RTSPAuth()
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), role_token("camera-user"))
        auth.set_default_token(role_token("anonymous"))
        server.set_auth(auth)
        for path, factory in factories.items():
            # On /secure, anonymous clients may see the mount but not play it: that answers 401 with a
            # challenge, so clients retry with their credentials (no access at all would answer 404).
            construct = "false" if path == "/secure" else "true"
            for role, can_play in (("camera-user", "true"), ("anonymous", construct)):
                factory.add_role_from_structure(
                    Gst.Structure.new_from_string(
                        f"{role}, media.factory.access=(boolean)true, media.factory.construct=(boolean){can_play}"
                    )
                )

    mounts = server.get_mount_points()
    for path, factory in factories.items():
        mounts.add_factory(path, factory)

    if server.attach(None) == 0:
        raise SystemExit(f"camera: cannot listen on {args.host}:{args.port} (port taken?)")

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    urls = ", ".join(f"rtsp://{args.host}:{args.port}{p}" for p in paths)
    log(f"serving {os.path.basename(args.video)} ({segments.fps} fps, {segments.duration:g} s, looping, "
        f"live per mount, rejoin window {args.rejoin_window:g} s) at {urls}")
    loop.run()
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
