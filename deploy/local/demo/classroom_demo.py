#!/usr/bin/env python3
"""The demo classroom, driven through the gateway like a school's frontend would.

  seed    create the demo tenant, teacher, students (enrolled from their photos), camera, room and class
  run     seed, start a class session, let the demo video play once, end the session, print the report
  check   like run, then compare the attendance with demo.truth.json (exit 1 with a readable diff)

Only the standard library: it runs with Debian's python3 on a fresh machine.
"""
import argparse
import base64
import json
import os
import sys
import time
from datetime import datetime
import urllib.error
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ASSETS = os.environ.get("ASSETS_DIR", os.path.join(REPO, ".local", "assets"))
CLASSROOM = os.path.join(ASSETS, "media", "classroom")
GATEWAY = os.environ.get("GATEWAY_URL", "http://127.0.0.1:8080")
CAMERA_URL = os.environ.get("DEMO_CAMERA_URL", "rtsp://127.0.0.1:8554/classroom")

OPERATOR = {"tenant": "default", "email": "admin@classroom.local", "password": "admin-dev-password"}
PASSWORD = "demo-classroom-2026"
ENGAGED_TOLERANCE = 0.10


class ApiError(Exception):
    def __init__(self, status, body, what):
        super().__init__(f"{what}: HTTP {status} {body[:300]}")
        self.status = status


def call(method, path, body=None, token=None, ok=(200, 201, 202, 204), what=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(GATEWAY + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    if status not in ok:
        raise ApiError(status, raw.decode(errors="replace"), what or f"{method} {path}")
    return json.loads(raw) if raw else None


def login(tenant, email, password):
    return call("POST", "/api/auth/login", {"tenant": tenant, "email": email, "password": password})["accessToken"]


def truth():
    with open(os.path.join(CLASSROOM, "demo.truth.json")) as f:
        return json.load(f)


def display_name(identity):
    return identity.replace("_", " ").title()


def seed(tenant):
    """Idempotent: a second run finds what the first created."""
    operator = login(**OPERATOR)
    domain = f"{tenant}.school"
    tenant_admin = {"email": f"admin@{domain}", "password": PASSWORD, "displayName": "School admin"}
    call("POST", "/api/auth/tenants", {"id": tenant, "name": f"School {tenant}", "admin": tenant_admin},
         token=operator, ok=(201, 409))
    admin = login(tenant, tenant_admin["email"], PASSWORD)

    t = truth()
    people = [("teacher", f"teacher@{domain}", "TEACHER")] + [(i, f"{i}@{domain}", "STUDENT") for i in t["roster"]]
    for identity, email, role in people:
        name = "Ms Teacher" if role == "TEACHER" else display_name(identity)
        call("POST", "/api/auth/register", {"tenant": tenant, "email": email, "password": PASSWORD,
                                            "displayName": name, "role": role}, ok=(201, 409))
    users = call("GET", "/api/auth/users?page=0&size=100", token=admin)["items"]
    ids = {u["email"]: u["id"] for u in users}
    teacher = login(tenant, f"teacher@{domain}", PASSWORD)
    students = {identity: ids[f"{identity}@{domain}"] for identity in t["roster"]}

    for identity, user_id in students.items():
        enrolled = call("GET", f"/api/vision/gallery/{user_id}/faces", token=teacher, ok=(200, 404))
        if enrolled and enrolled.get("faces"):
            continue
        images = []
        for photo in t["enrolment"][identity]:
            with open(os.path.normpath(os.path.join(CLASSROOM, photo)), "rb") as f:
                images.append(base64.b64encode(f.read()).decode())
        call("POST", f"/api/vision/gallery/{user_id}/faces", {"images": images}, token=teacher,
             what=f"enrol {identity}")

    cameras = call("GET", "/api/ingest/cameras", token=teacher)
    camera = next((c for c in cameras if c["name"] == "Demo classroom camera"), None)
    if camera is None:
        camera = call("POST", "/api/ingest/cameras", {
            "name": "Demo classroom camera", "rtspUrl": CAMERA_URL, "analysisFps": 2,
            "outputWidth": t["width"], "outputHeight": t["height"], "jpegQuality": 85, "enabled": True}, token=teacher)

    rooms = call("GET", "/api/classroom/rooms", token=teacher)
    rooms = rooms.get("items", rooms) if isinstance(rooms, dict) else rooms
    room = next((r for r in rooms if r["name"] == "Demo room"), None)
    if room is None:
        room = call("POST", "/api/classroom/rooms", {"name": "Demo room", "cameraIds": [camera["id"]]}, token=teacher)

    classes = call("GET", "/api/classroom/classes", token=teacher)
    classes = classes.get("items", classes) if isinstance(classes, dict) else classes
    klass = next((c for c in classes if c["title"] == "Demo class"), None)
    if klass is None:
        klass = call("POST", "/api/classroom/classes", {
            "title": "Demo class", "description": "The synthetic classroom of the demo video",
            "schedule": {"startTime": "08:00", "durationMinutes": 5, "days": [], "timeZone": "UTC"},
            "defaultRoomId": room["id"], "attendanceThreshold": round(t["attendance_rule"]["threshold"] * 100),
            "lateGraceMinutes": 0}, token=teacher)
    for user_id in students.values():
        call("PUT", f"/api/classroom/classes/{klass['id']}/students/{user_id}", token=teacher)
    return {"tenant": tenant, "teacher": teacher, "students": students, "camera": camera, "room": room, "class": klass}


def play_session(demo):
    """Starts a session, waits until the camera streams, lets the video play once, ends the session."""
    teacher, klass, camera = demo["teacher"], demo["class"], demo["camera"]
    if klass.get("activeSessionId"):
        call("POST", f"/api/classroom/sessions/{klass['activeSessionId']}/end", token=teacher)
    session = call("POST", f"/api/classroom/classes/{klass['id']}/sessions", token=teacher)
    print_where_to_look(session["id"], klass["id"], demo["tenant"])
    deadline = time.time() + 60
    while True:
        status = call("GET", f"/api/ingest/cameras/{camera['id']}/status", token=teacher)
        if status.get("lastFrameAt"):
            break
        if time.time() > deadline:
            raise SystemExit(f"the camera did not stream within 60 s: {status}")
        time.sleep(0.2)
    duration = truth()["duration_s"]
    print(f"camera streaming; the demo video plays for {duration} s")
    # Every client of the test camera starts at t=0 of the video and it loops: end just before the loop point,
    # counted from the first frame, or the video's first seconds would come round again.
    last_frame = datetime.fromisoformat(status["lastFrameAt"].replace("Z", "+00:00")).timestamp()
    first_frame = last_frame - max(0, status.get("framesPublished", 1) - 1) / camera["analysisFps"]
    end_at = first_frame + duration - 0.3
    while time.time() < end_at:
        live = call("GET", f"/api/tracking/sessions/{session['id']}", token=teacher, ok=(200, 404))
        print("  " + one_line_status(live, demo["students"]), flush=True)
        time.sleep(min(10, max(0.1, end_at - time.time())))
    call("POST", f"/api/classroom/sessions/{session['id']}/end", token=teacher)
    return session["id"]


def one_line_status(live, students):
    if not live:
        return "waiting for the first observations"
    names = {v: k for k, v in students.items()}
    rows = live.get("students") or live.get("attendees") or []
    present = [names.get(r.get("userId"), "?") for r in rows if r.get("presentNow")]
    return f"present now: {', '.join(sorted(present)) or 'nobody'}; unknown faces seen: {live.get('unknownFaceObservations', 0)}"


def print_where_to_look(session_id, class_id, tenant):
    ws = GATEWAY.replace("http", "ws", 1)
    print(f"""
class session {session_id} started. Where to look:
  Swagger UIs         http://127.0.0.1:8081/q/swagger-ui ... http://127.0.0.1:8086/q/swagger-ui
  live WebSocket      {ws}/ws/sessions/{session_id}  (Sec-WebSocket-Protocol: bearer-token-carrier, quarkus-http-upgrade#Authorization#Bearer%20<teacher token>)
  live state          {GATEWAY}/api/tracking/sessions/{session_id}
  attendance report   {GATEWAY}/api/tracking/sessions/{session_id}/attendance
  analytics reports   {GATEWAY}/api/analytics/class-sessions/{session_id}/attendance?format=pdf|csv|json
  class history       {GATEWAY}/api/tracking/classes/{class_id}/attendance
  teacher login       tenant={tenant} email=teacher@{tenant}.school password={PASSWORD}
""", flush=True)


def final_attendance(teacher, session_id, roster_size):
    deadline = time.time() + 60
    while time.time() < deadline:
        rows = call("GET", f"/api/tracking/sessions/{session_id}/attendance", token=teacher, ok=(200, 404)) or []
        if len(rows) >= roster_size and all(r.get("status") in ("PRESENT", "ABSENT") for r in rows):
            return rows
        time.sleep(1)
    raise SystemExit("the attendance was not finalised within 60 s of the session's end")


def compare(rows, students):
    """The readable diff against demo.truth.json; returns the list of failures."""
    by_user = {r["userId"]: r for r in rows}
    failures, lines = [], []
    for person in truth()["persons"]:
        identity = person["identity"]
        if identity not in students:
            continue
        row = by_user.get(students[identity])
        want_status, want_engaged = person["expected_outcome"], person["engaged_s"]
        if row is None:
            failures.append(f"{identity}: no attendance record")
            continue
        got_status, got_engaged = row["status"], row["engagedSeconds"]
        engaged_ok = abs(got_engaged - want_engaged) <= ENGAGED_TOLERANCE * max(want_engaged, 1) or (
            want_engaged == 0 and got_engaged <= 2)
        mark = "ok " if got_status == want_status and engaged_ok else "BAD"
        lines.append(f"  {mark} {identity:20} status {got_status:7} (truth {want_status:7})  "
                     f"engaged {got_engaged:6.1f} s (truth {want_engaged:3} s ±10%)")
        if got_status != want_status:
            failures.append(f"{identity}: status {got_status}, truth {want_status}")
        if not engaged_ok:
            failures.append(f"{identity}: engaged {got_engaged} s, truth {want_engaged} s")
    strangers = [r["userId"] for r in rows if r["userId"] not in students.values()]
    if strangers:
        failures.append(f"attendance attributed to users outside the roster: {strangers}")
    print("attendance against demo.truth.json:\n" + "\n".join(lines))
    return failures


def reports(teacher, session_id, students):
    """analytics-service's report of the session, once it holds every finalised row, as CSV and PDF."""
    base = f"/api/analytics/class-sessions/{session_id}/attendance"
    deadline = time.time() + 60
    while True:
        report = call("GET", base + "?format=json", token=teacher, ok=(200, 404)) or {}
        finalized = [r for r in report.get("rows", []) if r.get("finalized")]
        if len(finalized) >= len(students):
            break
        if time.time() > deadline:
            return [f"analytics holds {len(finalized)} of {len(students)} finalised rows 60 s after the end"]
        time.sleep(1)
    failures = []
    names = [display_name(identity) for identity in students]
    for fmt, check in (("csv", lambda body: all(n.encode() in body for n in names)),
                       ("pdf", lambda body: body.startswith(b"%PDF") and len(body) > 1000)):
        request = urllib.request.Request(f"{GATEWAY}{base}?format={fmt}", headers={"Authorization": "Bearer " + teacher})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                body = response.read()
            ok = check(body)
        except urllib.error.HTTPError as error:
            ok, body = False, error.read()
        print(f"  {'ok ' if ok else 'BAD'} {fmt.upper()} report {GATEWAY}{base}?format={fmt} ({len(body)} bytes)")
        if not ok:
            failures.append(f"{fmt} report: {body[:200]!r}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["seed", "run", "check"])
    command = parser.parse_args().command
    # The check runs in a tenant of its own, so data a store kept from earlier runs never leaks into it.
    tenant = f"e2e-{int(time.time())}" if command == "check" else "demo"
    demo = seed(tenant)
    print(f"seeded tenant '{tenant}': teacher, {len(demo['students'])} enrolled students, camera, room, class")
    if command == "seed":
        return 0
    session_id = play_session(demo)
    rows = final_attendance(demo["teacher"], session_id, len(demo["students"]))
    failures = compare(rows, demo["students"])
    failures += reports(demo["teacher"], session_id, demo["students"])
    if command == "check" and failures:
        print("end-to-end check FAILED:\n  " + "\n  ".join(failures))
        return 1
    print("end-to-end check passed" if command == "check" else "demo session finished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
