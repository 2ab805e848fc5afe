#!/usr/bin/env python3
"""The reference web console in a real browser: seeds a school with the demo camera, a room and a class, cuts a clip
of the demo video for chromium's fake camera, and runs deploy/local/console/console_check.mjs (playwright-core driving
Debian's chromium, headless). Screenshots go to .local/console/. Exit 1 when a step fails."""
import json
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classroom_demo as demo  # noqa: E402

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(REPO, ".local", "console")
STUDENT = "obama"
CLASS = "Console class"


def clip(path):
    """Ten seconds of the demo video as Y4M, the format chromium's fake camera reads, at a webcam's size."""
    video = os.path.join(demo.ASSETS, "media", "classroom", "demo.mp4")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-ss", "5", "-t", "10", "-i", video, "-vf", "scale=640:360,fps=10",
                    "-pix_fmt", "yuv420p", path], check=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in [f for f in os.listdir(OUT) if f.endswith(".png")]:
        os.remove(os.path.join(OUT, old))
    tenant = f"console-{int(time.time())}"
    print(f"console: a teacher and a student in chromium, tenant {tenant}", flush=True)
    people = demo.seed_people(tenant)
    camera = demo.ensure_camera(people["admin"], "Console camera")
    room = demo.ensure_room(people["admin"], "Console room", [camera["id"]])
    demo.ensure_class(people["teacher"], CLASS, room, people["students"].values())
    y4m = os.path.join(OUT, "webcam.y4m")
    clip(y4m)
    config = {
        "gateway": demo.GATEWAY,
        "tenant": tenant,
        "className": CLASS,
        "teacher": {"email": f"teacher@{tenant}.school", "password": demo.PASSWORD},
        "student": {"email": f"{STUDENT}@{tenant}.school", "password": demo.PASSWORD},
        "chromium": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "y4m": y4m,
        "screenshots": OUT,
    }
    try:
        return subprocess.run(["node", os.path.join(REPO, "deploy", "local", "console", "console_check.mjs")],
                              env={**os.environ, "CONSOLE_CHECK": json.dumps(config)}).returncode
    finally:
        # the camera serves one session at a time: leave it free for whatever runs next
        demo.free_camera(people["admin"], camera["id"])


if __name__ == "__main__":
    sys.exit(main())
