#!/usr/bin/env python3
"""Security checks of the running suite, through the gateway, the way an outsider and a school's own users would try.

  signup     a stranger cannot obtain a staff account, and registration says nothing about who exists
  authz      teachers, students and another school only reach what is theirs (a cross-service sample of the
             per-service matrices), every refusal a problem+json 4xx
  camera     a camera moved to another host never sends its old credentials there (fake RTSP servers on loopback
             record every Authorization header); the camera test refuses addresses outside the allow-list
  forged     forged tokens are refused by every service: alg none, tampered claims, HS256 signed with the JWKS
  throttle   100 parallel wrong passwords against one account: at most the limit are verified
  erasure    a deleted student leaves no name, email, embedding or webcam id in PostgreSQL, MongoDB, Redis or the
             compacted topics within 30 s (deploy/local/tools/StoreScan.java looks)

docs/security.md says what each check proves. Exit 1 with the list of failures. Only the standard library.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(__file__))
import classroom_demo as demo  # noqa: E402  (login, call and the gateway address, shared with the demo)

REPO = demo.REPO
TOOLS = os.path.join(REPO, ".local", "tools")
PASSWORD = "security-check-2026-pass"
PROBLEM = "application/problem+json"


class Failures(list):
    def check(self, ok, what):
        print(f"  {'ok ' if ok else 'BAD'} {what}", flush=True)
        if not ok:
            self.append(what)


def request(method, path, body=None, token=None, raw_token=None, content_type="application/json"):
    """(status, content type, parsed body or raw bytes) of a call through the gateway; never raises on 4xx/5xx."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(demo.GATEWAY + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if token or raw_token:
        req.add_header("Authorization", "Bearer " + (token or raw_token))
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    kind = (headers.get("Content-Type") or "").split(";")[0]
    try:
        parsed = json.loads(raw) if raw and "json" in kind else raw
    except ValueError:
        parsed = raw
    return status, kind, parsed


def refused(failures, what, status, kind, expected):
    failures.check(status == expected and kind == PROBLEM, f"{what}: {status} {kind} (want {expected} problem+json)")


# --- a school of our own -------------------------------------------------------------------------------------

def invite_and_register(admin, tenant, email, role, name):
    invitation = demo.call("POST", "/api/auth/invitations", {"email": email, "role": role}, token=admin)
    demo.call("POST", "/api/auth/register", {"tenant": tenant, "email": email, "password": PASSWORD,
                                             "displayName": name, "invitationCode": invitation["code"]}, ok=(202,))
    return demo.login(tenant, email, PASSWORD)


def user_id(token):
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "==="))["sub"]


def school(name):
    operator = demo.login(**demo.OPERATOR)
    tenant = f"{name}-{int(time.time())}"
    admin_email = f"admin@{tenant}.school"
    demo.call("POST", "/api/auth/tenants", {"id": tenant, "name": f"School {tenant}", "admin": {
        "email": admin_email, "password": PASSWORD, "displayName": "School admin"}}, token=operator)
    admin = demo.login(tenant, admin_email, PASSWORD)
    people = {"tenant": tenant, "admin": admin}
    for who, role in (("teacher", "TEACHER"), ("other_teacher", "TEACHER"), ("student", "STUDENT"),
                      ("other_student", "STUDENT")):
        people[who] = invite_and_register(admin, tenant, f"{who}@{tenant}.school", role, who.replace("_", " ").title())
    return people


# --- the checks ----------------------------------------------------------------------------------------------

def signup(failures):
    print("signup: nobody picks a staff role, and registration tells nothing", flush=True)
    s = school("sec-signup")
    tenant = s["tenant"]
    body = {"tenant": tenant, "email": f"mallory@{tenant}.school", "password": PASSWORD, "displayName": "Mallory"}
    status, kind, _ = request("POST", "/api/auth/register", {**body, "role": "TEACHER"})
    refused(failures, "register with role TEACHER", status, kind, 400)
    answers = set()
    for variant in ({**body}, {**body, "tenant": "no-such-school-" + uuid.uuid4().hex[:8]},
                    {**body, "email": f"student@{tenant}.school"}):
        status, _, answer = request("POST", "/api/auth/register", variant)
        answers.add((status, json.dumps(answer, sort_keys=True)))
    failures.check(len(answers) == 1, f"one answer for a closed school, an unknown school and a taken email: {answers}")
    status, kind, _ = request("POST", "/api/auth/login", {"tenant": tenant, "email": body["email"],
                                                          "password": PASSWORD})
    refused(failures, "no account came of it (self-registration is off)", status, kind, 401)


def authz(failures):
    print("authz: each person reaches what is theirs only", flush=True)
    s, other = school("sec-authz"), school("sec-other")
    admin, teacher, student = s["admin"], s["teacher"], s["student"]
    camera = demo.call("POST", "/api/ingest/cameras", {
        "name": "Security camera", "rtspUrl": "rtsp://127.0.0.1:9/none", "analysisFps": 1, "outputWidth": 640,
        "outputHeight": 360, "jpegQuality": 80, "enabled": False}, token=admin)
    room = demo.call("POST", "/api/classroom/rooms", {"name": "Security room", "cameraIds": [camera["id"]]},
                     token=admin)
    klass = demo.ensure_class(teacher, "Security class", room, [user_id(student)])
    session = demo.call("POST", f"/api/classroom/classes/{klass['id']}/sessions", token=teacher)
    try:
        denied = [
            ("other teacher: someone else's class", s["other_teacher"], "GET", f"/api/classroom/classes/{klass['id']}", None, 404),
            ("other teacher: someone else's live session", s["other_teacher"], "GET", f"/api/tracking/sessions/{session['id']}", None, 404),
            ("other teacher: someone else's attendance PDF", s["other_teacher"], "GET", f"/api/analytics/class-sessions/{session['id']}/attendance?format=pdf", None, 403),
            ("teacher: edit a room", teacher, "PUT", f"/api/classroom/rooms/{room['id']}", {"name": "Mine now", "cameraIds": []}, 403),
            ("teacher: delete a camera", teacher, "DELETE", f"/api/ingest/cameras/{camera['id']}", None, 403),
            ("teacher: identify without a session", teacher, "POST", "/api/vision/identify", b"\xff\xd8", 403),
            ("student: list the cameras", student, "GET", "/api/ingest/cameras", None, 403),
            ("student: a class session's live state", student, "GET", f"/api/tracking/sessions/{session['id']}", None, 403),
            ("student: enrol another student's face (not even whether it exists)", student, "POST", f"/api/vision/gallery/{user_id(s['other_student'])}/faces", {"images": ["AAAA"]}, 404),
            ("student: tenant-wide personal sessions", student, "GET", "/api/tracking/personal-sessions/all", None, 403),
            ("another school's admin: the class", other["admin"], "GET", f"/api/classroom/classes/{klass['id']}", None, 404),
            ("another school's admin: the camera", other["admin"], "GET", f"/api/ingest/cameras/{camera['id']}", None, 404),
            ("another school's admin: the session", other["admin"], "GET", f"/api/tracking/sessions/{session['id']}", None, 404),
        ]
        for what, token, method, path, body, expected in denied:
            content_type = "image/jpeg" if isinstance(body, bytes) else "application/json"
            status, kind, _ = request(method, path, body, token=token, content_type=content_type)
            refused(failures, what, status, kind, expected)
        status, _, cam = request("GET", f"/api/ingest/cameras/{camera['id']}", token=admin)
        failures.check(status == 200 and cam.get("name") == "Security camera", "the refused changes changed nothing")
    finally:
        demo.call("POST", f"/api/classroom/sessions/{session['id']}/end", token=teacher)


class FakeCamera:
    """An RTSP server on loopback that asks for credentials and records every Authorization header it receives."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.authorizations = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection):
        with connection:
            connection.settimeout(10)
            buffer = b""
            try:
                while True:
                    chunk = connection.recv(4096)
                    if not chunk:
                        return
                    buffer += chunk
                    while b"\r\n\r\n" in buffer:
                        head, buffer = buffer.split(b"\r\n\r\n", 1)
                        lines = head.decode(errors="replace").split("\r\n")
                        cseq = next((line.split(":", 1)[1].strip() for line in lines
                                     if line.lower().startswith("cseq:")), "1")
                        self.authorizations += [line.split(":", 1)[1].strip() for line in lines
                                                if line.lower().startswith("authorization:")]
                        connection.sendall(("RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq +
                                            "\r\nWWW-Authenticate: Basic realm=\"camera\"\r\n\r\n").encode())
            except OSError:
                return

    def close(self):
        self.server.close()


def camera(failures):
    print("camera: credentials stay with their host, and the egress allow-list holds", flush=True)
    s = school("sec-camera")
    admin = s["admin"]
    first, second = FakeCamera(), FakeCamera()
    secret = base64.b64encode(b"camera-user:camera-secret-1").decode()
    try:
        settings = {"name": "Moving camera", "rtspUrl": f"rtsp://127.0.0.1:{first.port}/stream", "analysisFps": 1,
                    "outputWidth": 640, "outputHeight": 360, "jpegQuality": 80, "enabled": False,
                    "username": "camera-user", "password": "camera-secret-1"}
        cam = demo.call("POST", "/api/ingest/cameras", settings, token=admin)
        demo.call("POST", f"/api/ingest/cameras/{cam['id']}/test", token=admin)
        failures.check(any(secret in a for a in first.authorizations),
                       "the camera's own host gets its credentials (sanity)")
        moved = {k: v for k, v in settings.items() if k not in ("username", "password")}
        moved["rtspUrl"] = f"rtsp://127.0.0.1:{second.port}/stream"
        status, _, updated = request("PUT", f"/api/ingest/cameras/{cam['id']}", moved, token=admin)
        failures.check(status == 200 and updated.get("hasCredentials") is False,
                       f"moving the camera without credentials drops them ({status}, hasCredentials="
                       f"{updated.get('hasCredentials') if isinstance(updated, dict) else '?'})")
        status, _, result = request("POST", f"/api/ingest/cameras/{cam['id']}/test", token=admin)
        failures.check(not any(secret in a for a in second.authorizations),
                       f"the new host never receives the old credentials (it saw {second.authorizations})")
        failures.check(isinstance(result, dict) and "camera-secret-1" not in json.dumps(result),
                       "the test answer holds no credentials")
    finally:
        first.close()
        second.close()
    for url in ("rtsp://169.254.169.254/latest", "rtsp://10.255.255.1:554/", "rtsp://[::1]:5432/"):
        status, _, result = request("POST", "/api/ingest/cameras/test", {"rtspUrl": url}, token=admin)
        reason = result.get("reason") if isinstance(result, dict) else None
        failures.check(reason == "NOT_ALLOWED", f"camera test of {url}: {status} {reason} (want NOT_ALLOWED)")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forged(failures):
    print("forged: every service refuses forged tokens", flush=True)
    s = school("sec-forged")
    token = s["teacher"]
    header, payload, _ = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "==="))
    admin_claims = b64url(json.dumps({**claims, "groups": ["ADMIN", "TEACHER", "STUDENT"]}).encode())
    jwks = demo.call("GET", "/api/auth/.well-known/jwks.json")
    hs256_header = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": jwks["keys"][0].get("kid")}).encode())
    signing_input = f"{hs256_header}.{admin_claims}".encode()
    hs256 = f"{hs256_header}.{admin_claims}." + b64url(
        hmac.new(json.dumps(jwks).encode(), signing_input, hashlib.sha256).digest())
    forgeries = {
        "alg none": b64url(b'{"alg":"none","typ":"JWT"}') + "." + admin_claims + ".",
        "tampered claims": f"{header}.{admin_claims}.{token.split('.')[2]}",
        "HS256 signed with the JWKS": hs256,
    }
    targets = ["/api/auth/users/me", "/api/classroom/classes", "/api/tracking/me/attendance",
               "/api/vision/calibrations/webcam%3Ax", "/api/ingest/cameras", "/api/analytics/pages/stats"]
    for name, forgery in forgeries.items():
        for path in targets:
            status, kind, _ = request("GET", path, raw_token=forgery)
            refused(failures, f"{name} on {path}", status, kind, 401)


def throttle(failures):
    print("throttle: parallel guessing verifies at most the limit", flush=True)
    s = school("sec-throttle")
    body = {"tenant": s["tenant"], "email": f"student@{s['tenant']}.school", "password": "wrong-password-0"}
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda i: request("POST", "/api/auth/login", {**body, "password": f"wrong-{i}"})[0],
                                 range(100)))
    verified = statuses.count(401)
    failures.check(verified <= 5 and statuses.count(429) >= 95 - verified and set(statuses) <= {401, 429},
                   f"100 parallel wrong passwords: {verified} verified (401), {statuses.count(429)} refused (429)")


def erasure(failures):
    print("erasure: a deleted student leaves nothing behind within 30 s", flush=True)
    s = school("sec-erasure")
    admin, tenant = s["admin"], s["tenant"]
    marker = uuid.uuid4().hex[:10]
    name, email = f"Erasure Check {marker}", f"erasure-{marker}@{tenant}.school"
    token = invite_and_register(admin, tenant, email, "STUDENT", name)
    student = user_id(token)
    # what a student leaves across the suite: a face, a webcam calibration, a roster entry, page views
    t = demo.truth()
    photo = t["enrolment"][t["roster"][0]][0]
    with open(os.path.normpath(os.path.join(demo.CLASSROOM, photo)), "rb") as f:
        image = base64.b64encode(f.read()).decode()
    demo.call("POST", f"/api/vision/gallery/{student}/faces", {"images": [image]}, token=admin)
    demo.call("PUT", f"/api/vision/calibrations/webcam:{student}",
              {"boardYawDeg": 0, "boardPitchDeg": -5, "yawToleranceDeg": 20, "pitchToleranceDeg": 15}, token=token)
    room = demo.call("POST", "/api/classroom/rooms", {"name": "Erasure room", "cameraIds": []}, token=admin)
    demo.ensure_class(s["teacher"], "Erasure class", room, [student])
    demo.call("POST", "/api/analytics/pages/views", {"page": f"/profile/{email}", "timeSpentSeconds": 5}, token=token)
    demo.call("DELETE", f"/api/auth/users/{student}", token=admin)
    deleted = time.time()
    scan = ["java", "-cp", f"{TOOLS}/scan/libs/*:{TOOLS}/kafka/libs/*",
            os.path.join(REPO, "deploy", "local", "tools", "StoreScan.java"),
            "--needle", student, "--needle", email, "--needle", name, "--needle", f"webcam:{student}",
            "--topic-needle", email, "--topic-needle", name, "--faces-key", student]
    while True:
        result = subprocess.run(scan, capture_output=True, text=True)
        if result.returncode == 0:
            break
        if time.time() - deleted > 30:
            break
        time.sleep(2)
    left = [line for line in result.stdout.splitlines() if line.strip()]
    failures.check(result.returncode == 0, f"no trace {time.time() - deleted:.0f} s after the deletion"
                   + ("" if result.returncode == 0 else ":\n      " + "\n      ".join(left or [result.stderr[-800:]])))


CHECKS = {"signup": signup, "authz": authz, "camera": camera, "forged": forged, "erasure": erasure,
          "throttle": throttle}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checks", nargs="*", help=f"some of {', '.join(CHECKS)} (default: all)")
    names = parser.parse_args().checks or list(CHECKS)
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        parser.error(f"unknown checks {unknown}")
    failures = Failures()
    for name in names:
        try:
            CHECKS[name](failures)
        except (demo.ApiError, OSError) as error:
            failures.check(False, f"{name}: {error}")
    print(f"security: {len(names)} checks, {len(failures)} failed")
    if failures:
        print("security checks FAILED:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
