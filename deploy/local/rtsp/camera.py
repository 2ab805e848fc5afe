#!/usr/bin/python3
"""RTSP test camera for local runs: serves an H.264 MP4 file in a loop with GStreamer's RTSP server.

Every client gets its own pipeline (non-shared media), so each one sees the video from t=0 and
can align a class session with the start of the video. The video loops forever, at real-time speed.

Mounts:
  /classroom          the video
  /cam1 .. /camN      the same video (--mounts N), for load tests
  /secure             the same video behind basic auth (--user/--password)

Run with Debian's /usr/bin/python3 (needs python3-gi and the GStreamer RTSP server typelib).
"""

import argparse
import os
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def log(msg):
    print(f"camera: {msg}", flush=True)


def extract_elementary_stream(video, cache_dir):
    """Copies the MP4's H.264 track into an Annex-B file once (no re-encoding).

    An elementary stream can be read in a loop by multifilesrc and re-timed by h264parse, which gives
    gapless looping with steadily increasing timestamps; an MP4 cannot simply be concatenated.
    Returns (path, framerate fraction as "n/d").
    """
    os.makedirs(cache_dir, exist_ok=True)
    base = os.path.join(cache_dir, os.path.splitext(os.path.basename(video))[0])
    out, meta = base + ".h264", base + ".h264.fps"
    src_mtime = os.path.getmtime(video)
    if os.path.exists(out) and os.path.exists(meta) and os.path.getmtime(out) >= src_mtime:
        with open(meta) as f:
            return out, f.read().strip()

    tmp = out + ".part"
    pipeline = Gst.parse_launch(
        f'filesrc location="{video}" ! qtdemux ! h264parse name=parse '
        "! video/x-h264,stream-format=byte-stream,alignment=au "
        f'! filesink location="{tmp}"'
    )
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        120 * Gst.SECOND, Gst.MessageType.EOS | Gst.MessageType.ERROR
    )
    caps = pipeline.get_by_name("parse").get_static_pad("src").get_current_caps()
    pipeline.set_state(Gst.State.NULL)
    if msg is None or msg.type == Gst.MessageType.ERROR:
        detail = msg.parse_error()[0].message if msg else "timeout"
        raise SystemExit(f"camera: cannot read H.264 from {video}: {detail}")
    ok, num, den = caps.get_structure(0).get_fraction("framerate")
    if not ok or num == 0:
        raise SystemExit(f"camera: {video} has no frame rate in its H.264 track")
    fps = f"{num}/{den}"
    os.replace(tmp, out)
    with open(meta, "w") as f:
        f.write(fps + "\n")
    log(f"extracted H.264 elementary stream of {os.path.basename(video)} ({fps} fps)")
    return out, fps


def copy_dts_to_pts(_pad, info):
    # h264parse only interpolates DTS on a raw stream; the payloader needs PTS. Without B-frames they are equal.
    buf = info.get_buffer()
    if buf is not None and buf.pts == Gst.CLOCK_TIME_NONE:
        buf.pts = buf.dts
    return Gst.PadProbeReturn.OK


def on_media_configure(_factory, media):
    parse = media.get_element().get_by_name("parse")
    parse.get_static_pad("src").add_probe(Gst.PadProbeType.BUFFER, copy_dts_to_pts)


def make_factory(stream):
    factory = GstRtspServer.RTSPMediaFactory()
    # multifilesrc re-reads the file at its end (loop=true). It must not be given a frame rate: it would then
    # stamp each whole-file read as one frame. h264parse instead stamps every frame from the stream's own
    # frame rate (continuing across loops), and the server's sinks pace the output on those timestamps,
    # which gives real-time speed.
    factory.set_launch(
        f'( multifilesrc location="{stream}" loop=true '
        'caps="video/x-h264,stream-format=byte-stream,alignment=au" '
        "! h264parse name=parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )"
    )
    factory.connect("media-configure", on_media_configure)
    # One pipeline per client: every client starts at t=0.
    factory.set_shared(False)
    return factory


def role_token(role):
    token = GstRtspServer.RTSPToken()
    token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, role)
    return token


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--video", required=True, help="H.264 MP4 file to serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8554)
    parser.add_argument("--cache-dir", required=True, help="where the extracted elementary stream is kept")
    parser.add_argument("--mounts", type=int, default=0, help="also serve /cam1 .. /camN")
    parser.add_argument("--user", help="user for the /secure mount (basic auth)")
    parser.add_argument("--password", help="password for the /secure mount")
    args = parser.parse_args()
    if bool(args.user) != bool(args.password):
        parser.error("--user and --password go together")
    if not os.path.isfile(args.video):
        parser.error(f"no such video: {args.video}")

    Gst.init(None)
    stream, fps = extract_elementary_stream(args.video, args.cache_dir)

    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    factories = {"/classroom": make_factory(stream)}
    for i in range(1, args.mounts + 1):
        factories[f"/cam{i}"] = make_factory(stream)

    if args.user:
        # With an auth object every mount needs roles: clients with the credentials get the "camera-user"
        # role, anonymous clients the "anonymous" role; /secure admits only the former.
        auth = GstRtspServer.RTSPAuth()
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), role_token("camera-user"))
        auth.set_default_token(role_token("anonymous"))
        server.set_auth(auth)
        factories["/secure"] = make_factory(stream)
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
    paths = list(factories)

    if server.attach(None) == 0:
        raise SystemExit(f"camera: cannot listen on {args.host}:{args.port} (port taken?)")

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    urls = ", ".join(f"rtsp://{args.host}:{args.port}{p}" for p in paths)
    log(f"serving {os.path.basename(args.video)} ({fps} fps, looping, per-client from t=0) at {urls}")
    loop.run()
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
