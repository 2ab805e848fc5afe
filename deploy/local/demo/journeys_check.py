#!/usr/bin/env python3
"""The webcam and schedule journeys of the suite, end to end through the gateway, with frames cut from the demo
video and the face photos.

  frames     720p and 1080p frames of the demo video on /ws/face-detection are analysed; a 5 MiB message is answered
             with an error and a close with 1009
  webcam     a webcam-only class session: three students stream their webcams over /ws/webcam; one sends a
             classmate's photo instead of their own face: the classmate is not credited and the sender is flagged
  personal   a student's personal focus session fed by their webcam, with a pause: frames while paused are ignored
             and said to be; the report's focus and distraction seconds match what was sent within 10 %
  schedule   a class with a schedule starts and ends its session by itself
  docs       each service's OpenAPI document at /api/<service>/openapi, and one Swagger UI at /docs listing all six

The scheduled class is created first, so its session starts and ends while the other checks run. Exit 1 with the
list of failures. Only the standard library (and ffmpeg, which the stack installs, to cut and make frames).
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classroom_demo as demo  # noqa: E402
import websocket_client  # noqa: E402
from security_check import Failures, request, user_id  # noqa: E402

FACES = os.path.join(demo.ASSETS, "media", "faces")
WS = demo.GATEWAY.replace("http", "ws", 1)
PASSWORD = "journeys-check-2026-pass"
FRAME_EVERY_S = 1.0


def photo(identity, kind="probe"):
    """The first photo of a person (`probe` or `enrol`), as JPEG bytes."""
    folder = os.path.join(FACES, identity, kind)
    name = sorted(f for f in os.listdir(folder) if f.lower().endswith((".jpg", ".jpeg", ".png")))[0]
    with open(os.path.join(folder, name), "rb") as f:
        return f.read()


def faceless_frame():
    """A plain grey 640x480 JPEG: what a webcam sends when its student has left."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "empty.jpg")
        subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=gray:s=640x480", "-frames:v", "1",
                        path], check=True)
        with open(path, "rb") as f:
            return f.read()


def school(name, students):
    """A tenant with its admin, a teacher and the given students (identity -> token), each enrolled from a photo."""
    operator = demo.login(**demo.OPERATOR)
    tenant = f"{name}-{int(time.time())}"
    admin_email = f"admin@{tenant}.school"
    demo.call("POST", "/api/auth/tenants", {"id": tenant, "name": f"School {tenant}", "admin": {
        "email": admin_email, "password": PASSWORD, "displayName": "School admin"}}, token=operator)
    admin = demo.login(tenant, admin_email, PASSWORD)
    people = {"tenant": tenant, "admin": admin,
              "teacher": invite_and_register_with(admin, tenant, "teacher", "TEACHER")}
    people["students"] = {}
    for identity in students:
        token = invite_and_register_with(admin, tenant, identity, "STUDENT")
        people["students"][identity] = token
        enrol = base64.b64encode(photo(identity, "enrol")).decode()
        demo.call("POST", f"/api/vision/gallery/{user_id(token)}/faces", {"images": [enrol]}, token=admin,
                  what=f"enrol {identity}")
    return people


def invite_and_register_with(admin, tenant, who, role):
    invitation = demo.call("POST", "/api/auth/invitations", {"email": f"{who}@{tenant}.school", "role": role},
                           token=admin)
    demo.call("POST", "/api/auth/register", {"tenant": tenant, "email": f"{who}@{tenant}.school",
                                             "password": PASSWORD, "displayName": demo.display_name(who),
                                             "invitationCode": invitation["code"]}, ok=(202,))
    return demo.login(tenant, f"{who}@{tenant}.school", PASSWORD)


class Webcam(threading.Thread):
    """A student's browser: one frame per second on /ws/webcam/{session}, keeping every reply."""

    def __init__(self, session_id, token, frame):
        super().__init__(daemon=True)
        self.ws = websocket_client.connect(f"{WS}/ws/webcam/{session_id}", token)
        self.frame = frame
        self.replies = []
        self.running = True
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        try:
            while (got := self.ws.recv()) is not None:
                try:
                    self.replies.append(json.loads(got[1]))
                except ValueError:
                    self.replies.append({"raw": got[1][:200]})
        except (OSError, websocket_client.WebSocketError):
            pass  # the socket was shut down

    def send(self, frame=None):
        self.ws.send(0x2, frame or self.frame)

    def run(self):
        while self.running:
            self.send()
            time.sleep(FRAME_EVERY_S)

    def stop(self):
        self.running = False
        if self.ident is not None:  # streaming on its own, not frame by frame
            self.join(5)
        self.ws.close()
        self.reader.join(5)
        self.ws.shutdown()


def webcam(failures):
    print("webcam: attendance from webcams credits each owner only", flush=True)
    s = school("jrn-webcam", ["obama", "biden", "kit_harington", "rose_leslie"])
    teacher, students = s["teacher"], s["students"]
    ids = {identity: user_id(token) for identity, token in students.items()}
    klass = demo.call("POST", "/api/classroom/classes", {
        "title": "Webcam class", "description": "Everybody at home",
        "schedule": {"startTime": "08:00", "durationMinutes": 45, "days": [], "timeZone": "UTC"},
        "attendanceThreshold": 50, "lateGraceMinutes": 5}, token=teacher)
    for user in ids.values():
        demo.call("PUT", f"/api/classroom/classes/{klass['id']}/students/{user}", token=teacher)
    session = demo.call("POST", f"/api/classroom/classes/{klass['id']}/sessions", token=teacher)
    # obama and biden show their own faces; kit_harington holds up rose_leslie's photo; rose_leslie is not there
    cams = [Webcam(session["id"], students["obama"], photo("obama")),
            Webcam(session["id"], students["biden"], photo("biden")),
            Webcam(session["id"], students["kit_harington"], photo("rose_leslie"))]
    for cam in cams:
        cam.start()
    time.sleep(30)
    for cam in cams:
        cam.stop()
    accepted = [sum(1 for r in cam.replies if r.get("status") == 202) for cam in cams]
    failures.check(all(n >= 20 for n in accepted), f"the webcams' frames were accepted (202 each): {accepted}")
    live = demo.call("GET", f"/api/tracking/sessions/{session['id']}", token=teacher)
    by_user = {row["userId"]: row for row in live["students"]}
    sender = by_user.get(ids["kit_harington"], {})
    failures.check("OTHERS_IN_FRAME" in (sender.get("flags") or []),
                   f"the teacher sees kit_harington flagged live: {sender.get('flags')}")
    demo.call("POST", f"/api/classroom/sessions/{session['id']}/end", token=teacher)
    rows = {row["userId"]: row for row in demo.final_attendance(teacher, session["id"], len(ids))}
    for identity in ("obama", "biden"):
        failures.check(rows[ids[identity]]["presentSeconds"] > 0, f"{identity} is credited from their own webcam")
    failures.check(rows[ids["rose_leslie"]]["presentSeconds"] == 0 and rows[ids["rose_leslie"]]["status"] == "ABSENT",
                   f"rose_leslie, only a photo held up by a classmate, is not credited: "
                   f"{rows[ids['rose_leslie']]['status']}, {rows[ids['rose_leslie']]['presentSeconds']} s")
    sender = rows[ids["kit_harington"]]
    failures.check(sender["presentSeconds"] == 0 and sender["othersInFrame"],
                   f"kit_harington, whose webcam showed someone else, is not credited and is flagged: "
                   f"{sender['presentSeconds']} s, othersInFrame {sender['othersInFrame']}")


class LiveFeed(threading.Thread):
    """The live socket of a personal session (/ws/sessions/{id}), keeping the latest view of it."""

    def __init__(self, session_id, token):
        super().__init__(daemon=True)
        self.ws = websocket_client.connect(f"{WS}/ws/sessions/{session_id}", token)
        self.views = []
        self.start()

    def run(self):
        try:
            while (got := self.ws.recv()) is not None:
                personal = json.loads(got[1]).get("personal")
                if personal:
                    self.views.append(personal)
        except (OSError, websocket_client.WebSocketError):
            pass  # the socket was shut down

    def latest(self):
        return self.views[-1] if self.views else {}

    def stop(self):
        self.ws.close()
        self.join(5)
        self.ws.shutdown()


def personal(failures):
    print("personal: a focus session fed by the webcam, with a pause", flush=True)
    s = school("jrn-personal", ["obama"])
    token = s["students"]["obama"]
    face, empty = photo("obama"), faceless_frame()
    session = demo.call("POST", "/api/tracking/personal-sessions", {"title": "Homework"}, token=token)
    live = LiveFeed(session["id"], token)
    cam = Webcam(session["id"], token, face)
    sent = []  # (sent at, phase) per frame, in the order of the replies

    def stream(frame, seconds, phase):
        until = time.time() + seconds
        while time.time() < until:
            sent.append((time.time(), phase))
            cam.send(frame)
            time.sleep(FRAME_EVERY_S)

    def at(t):
        return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    stream(face, 20, "focus")
    shown = live.latest()
    failures.check(shown.get("faceFound") and shown.get("gazeDirection") and shown.get("attentive")
                   and shown.get("activity") and shown.get("focusPct", 0) > 0,
                   "the live feed shows the face, gaze, attention, activity and focus share: "
                   + ", ".join(f"{k} {shown.get(k)}" for k in ("faceFound", "gazeDirection", "attentive", "activity",
                                                                "focusPct")))
    paused_at = time.time()
    demo.call("POST", f"/api/tracking/personal-sessions/{session['id']}/pause", {"at": at(paused_at)}, token=token)
    stream(face, 8, "paused")
    demo.call("POST", f"/api/tracking/personal-sessions/{session['id']}/resume", {}, token=token)
    stream(empty, 20, "distraction")
    # The last frame stands for one frame interval; the end is dated then, once the frames went through vision and
    # tracking (frames after the end would be refused).
    ended_at = sent[-1][0] + FRAME_EVERY_S
    if not wait_until(lambda: len(cam.replies) >= len(sent), 30):
        failures.check(False, f"every frame got a reply: {len(cam.replies)} of {len(sent)}")
    time.sleep(8)
    shown = live.latest()
    failures.check(not shown.get("faceFound") and shown.get("activity") == "AWAY",
                   f"then that the student left: faceFound {shown.get('faceFound')}, activity {shown.get('activity')}")
    report = demo.call("POST", f"/api/tracking/personal-sessions/{session['id']}/end", {"at": at(ended_at)},
                       token=token)
    cam.stop()
    live.stop()
    replies = list(zip(sent, cam.replies))
    during_pause = [reply for (_, phase), reply in replies if phase == "paused"]
    ignored = [r for r in during_pause if r.get("status") == 409 and "pause" in json.dumps(r).lower()]
    # A frame sent right after the pause may pass before ingest hears of it (tracking then ignores it): at least half
    # of them, and the last, are answered as ignored.
    refused_last = bool(during_pause) and during_pause[-1] in ignored
    failures.check(refused_last and 2 * len(ignored) >= len(during_pause),
                   f"frames while paused are ignored and said to be: {len(ignored)} of {len(during_pause)}, "
                   f"e.g. {during_pause[-1] if during_pause else None}")
    first = {phase: min((t for (t, p), r in replies if p == phase and r.get("status") == 202), default=None)
             for phase in ("focus", "distraction")}
    if None in first.values():
        failures.check(False, f"frames were accepted in both phases: {first}")
        return
    want = {"focus": paused_at - first["focus"], "distraction": ended_at - first["distraction"]}
    for kind, seconds in want.items():
        got = report[f"{kind}Seconds"]
        failures.check(abs(got - seconds) <= 0.10 * seconds,
                       f"{kind}: {got} s in the report, {seconds:.1f} s sent (within 10 %)")


def wait_until(condition, seconds, every=0.5):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


class Schedule:
    """A class whose schedule has an occurrence that began three minutes ago (five at most, the shortest a class
    takes) and ends one to two minutes from now, created first so the other checks run while the scheduler (every
    10 s) starts it at once and ends it on time."""

    MINUTES = 5

    def __init__(self):
        s = school("jrn-schedule", [])
        self.teacher = s["teacher"]
        self.begin = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(minutes=3)
        self.klass = demo.call("POST", "/api/classroom/classes", {
            "title": "Scheduled class", "description": "Runs by itself",
            "schedule": {"startTime": self.begin.strftime("%H:%M"), "durationMinutes": self.MINUTES,
                         "days": [self.begin.strftime("%A").upper()], "timeZone": "UTC"},
            "attendanceThreshold": 75, "lateGraceMinutes": 5}, token=self.teacher)

    def sessions(self):
        return demo.items(demo.call("GET", f"/api/classroom/classes/{self.klass['id']}/sessions", token=self.teacher))

    def check(self, failures):
        print("schedule: a scheduled class starts and ends its session by itself", flush=True)
        started = []
        wait_until(lambda: started.extend(self.sessions()) or started, 60, every=2)
        failures.check(bool(started), f"the session of the occurrence at {self.begin:%H:%M} UTC started by itself")
        if not started:
            return
        failures.check(started[0].get("scheduledStart") is not None and started[0].get("trigger") == "SCHEDULE",
                       f"it says it was scheduled: trigger {started[0].get('trigger')}, "
                       f"scheduledStart {started[0].get('scheduledStart')}")
        end = self.begin + timedelta(minutes=self.MINUTES)
        state = {}

        def ended():
            state.update(demo.call("GET", f"/api/classroom/sessions/{started[0]['id']}", token=self.teacher))
            return state.get("state") == "ENDED"

        wait_until(ended, max(0, end.timestamp() - time.time()) + 60, every=3)
        failures.check(state.get("state") == "ENDED", f"and ended by itself: {state.get('state')}")
        count = len(self.sessions())
        failures.check(count == 1, f"exactly once: {count} session(s) for the occurrence")


def frames(failures):
    print("frames: webcam-sized frames through the gateway, and a clear refusal above the limit", flush=True)
    s = school("jrn-frames", ["obama"])
    token = s["students"]["obama"]
    ws = websocket_client.connect(f"{WS}/ws/face-detection/journeys", token)
    try:
        for width, height in ((1280, 720), (1920, 1080)):
            jpeg = video_frame(width, height)
            ws.send(0x1, json.dumps({"type": "frame", "timestamp": width,
                                     "image": "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()}).encode())
            got = ws.recv()
            answer = json.loads(got[1]) if got else {}
            failures.check(answer.get("type") == "detection_result" and len(answer.get("faces", [])) > 0,
                           f"a {width}x{height} frame of the demo video ({len(jpeg) // 1024} KiB): "
                           f"{answer.get('type')} with {len(answer.get('faces', []))} faces")
        ws.send(0x1, json.dumps({"type": "frame", "image": "A" * (5 << 20)}).encode())
        got = ws.recv()
        answer = json.loads(got[1]) if got else {}
        closed = ws.recv() is None
        failures.check(answer.get("type") == "error" and closed and ws.close_code == 1009,
                       f"a 5 MiB message: {answer.get('type')} '{answer.get('message')}', closed with "
                       f"{ws.close_code}")
    finally:
        ws.shutdown()


SERVICES = {"auth": "auth-service", "classroom": "classroom-service", "tracking": "tracking-service",
            "vision": "vision-service", "ingest": "camera-ingest-service", "analytics": "analytics-service"}


def docs(failures):
    print("docs: the services' OpenAPI documents and the Swagger UI, behind the gateway", flush=True)
    for prefix, service in SERVICES.items():
        status, kind, spec = request("GET", f"/api/{prefix}/openapi?format=json")
        paths = spec.get("paths", {}) if isinstance(spec, dict) else {}
        failures.check(status == 200 and spec.get("info", {}).get("title") == service and paths
                       and all(p.startswith(f"/api/{prefix}/") for p in paths),
                       f"/api/{prefix}/openapi: {status} {kind}, {len(paths)} paths of {service}")
    status, kind, page = request("GET", "/docs/")
    html = page.decode(errors="replace") if isinstance(page, bytes) else ""
    listed = [p for p in SERVICES if f"/api/{p}/openapi" in html]
    failures.check(status == 200 and kind == "text/html" and len(listed) == len(SERVICES),
                   f"/docs/: {status} {kind}, lists {len(listed)} of {len(SERVICES)} documents")


def video_frame(width, height):
    """A frame of the demo video at 5 s (several faces), scaled to a webcam's size, as the JPEG a browser sends."""
    video = os.path.join(demo.ASSETS, "media", "classroom", "demo.mp4")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "frame.jpg")
        subprocess.run(["ffmpeg", "-v", "error", "-ss", "5", "-i", video, "-frames:v", "1", "-vf",
                        f"scale={width}:{height}", "-q:v", "2", path], check=True)
        with open(path, "rb") as f:
            return f.read()


CHECKS = ["frames", "webcam", "personal", "schedule", "docs"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checks", nargs="*", help=f"some of {', '.join(CHECKS)} (default: all)")
    names = parser.parse_args().checks or CHECKS
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        parser.error(f"unknown checks {unknown}")
    failures = Failures()
    checks = {"frames": frames, "webcam": webcam, "personal": personal, "docs": docs}
    if "schedule" in names:
        # Created first: the scheduled class's session starts and ends by itself while the other checks run.
        try:
            checks["schedule"] = Schedule().check
        except (demo.ApiError, OSError) as error:
            checks["schedule"] = lambda f, e=error: f.check(False, f"schedule: {e}")
    for name in [n for n in names if n != "schedule"] + [n for n in names if n == "schedule"]:
        try:
            checks[name](failures)
        except (demo.ApiError, OSError, websocket_client.WebSocketError) as error:
            failures.check(False, f"{name}: {error}")
    print(f"journeys: {len(names)} checks, {len(failures)} failed")
    if failures:
        print("journey checks FAILED:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
