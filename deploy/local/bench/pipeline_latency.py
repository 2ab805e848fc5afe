#!/usr/bin/env python3
"""Whole-pipeline latency with N simulated cameras (issue 9).

For each N of --cameras, in a fresh tenant seeded like the demo school (classroom_demo.py): N cameras
rtsp://127.0.0.1:8554/cam1..camN at --fps analysis frames per second, one room and class per camera with the demo's
enrolled students, N class sessions started at once and N teacher WebSockets open on them, through the gateway.

Measured per step, over --seconds after a --warmup:
  delay       receive wall time of each WebSocket delta minus the capture time of the newest frame it reflects
              (the largest `seenAt` of its students; camera-ingest stamps frames with the wall clock when ffmpeg
              hands them over, so RTSP transport and decoding before that are not included)
  frames/s    frames vision received (analysed + dropped + failed) and analysed, from its /q/metrics counters
  lag         vision's consumer-group lag on ingest.frames.v1 (log end minus committed offset, summed over the
              partitions), read from Kafka every 2 s; vision commits every 5 s, so the lowest value per 10 s is
              kept, and its slope over the step fitted by least squares
  keeps up    lag slope < 0.1 frame/s, lag at the end <= 2 + 2 x fps frames per camera, a delay that grows by
              less than 10 ms per second over the step, under 5% of the received frames dropped, and at least 90%
              of N x fps analysed. vision fetches frames ahead and holds (or thins out, counted as dropped) a
              backlog per camera in memory: falling behind shows as drops, a growing delay and a growing lag.

Nothing else should stream while it runs: vision's counters are per instance, not per tenant.
Needs the suite (`deploy/local/stack bench` starts it) and the test camera started with CAMERA_MOUNTS >= max N.
Only the standard library.
"""
import argparse
import json
import math
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import datetime, timezone

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo"))
import classroom_demo as demo  # noqa: E402  (seeding through the gateway, shared with the demo)

VISION_METRICS = os.environ.get("VISION_METRICS_URL", "http://127.0.0.1:8084/q/metrics")
CAMERA_HOST, CAMERA_PORT = "127.0.0.1", int(os.environ.get("CAMERA_PORT", "8554"))
KAFKA = os.environ.get("KAFKA_BOOTSTRAP", "127.0.0.1:9092")
FRAMES_TOPIC, VISION_GROUP = "ingest.frames.v1", "vision-service"
SAMPLE_EVERY_S = 2.0
LAG_WINDOW_S = 10.0  # longer than vision's commit interval (5 s)
MAX_DELAY_SLOPE = 10.0  # ms of delay gained per second of the step


# --- consumer-group lag, straight from Kafka ---------------------------------------------------------------------

class KafkaLag:
    """A consumer group's lag on a topic: log end offset minus committed offset, summed over the partitions.

    Just enough of the Kafka protocol for that (Metadata v1, ListOffsets v1, OffsetFetch v1: non-flexible versions
    that Kafka 4 still serves), so sampling it costs no JVM start. One broker is assumed, as in the local stack: it
    leads every partition and coordinates every group."""

    def __init__(self, group, topic, bootstrap):
        self.group, self.topic = group.encode(), topic.encode()
        host, port = bootstrap.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=5)
        self.correlation = 0
        self.partitions = self._partitions()

    def _call(self, api_key, version, body):
        self.correlation += 1
        message = struct.pack(">hhih", api_key, version, self.correlation, 5) + b"bench" + body
        self.sock.sendall(struct.pack(">i", len(message)) + message)
        size = struct.unpack(">i", self._recv(4))[0]
        answer = self._recv(size)
        if struct.unpack(">i", answer[:4])[0] != self.correlation:
            raise OSError("Kafka answered another request")
        return _Reader(answer[4:])

    def _recv(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise OSError("Kafka closed the connection")
            data += chunk
        return data

    def _partitions(self):
        r = self._call(3, 1, struct.pack(">ih", 1, len(self.topic)) + self.topic)
        for _ in range(r.int32()):  # brokers
            r.int32(), r.string(), r.int32(), r.string()
        r.int32()  # controller
        partitions = []
        for _ in range(r.int32()):
            error, name, _internal = r.int16(), r.string(), r.int8()
            for _ in range(r.int32()):
                p_error, index = r.int16(), r.int32()
                r.int32(), r.array_int32(), r.array_int32()  # leader, replicas, isr
                if name == self.topic.decode():
                    partitions.append(index)
            if error:
                raise OSError(f"Kafka metadata of {name}: error {error}")
        if not partitions:
            raise OSError(f"Kafka has no topic {self.topic.decode()}")
        return sorted(partitions)

    def _topic_partitions(self, per_partition):
        body = struct.pack(">ih", 1, len(self.topic)) + self.topic + struct.pack(">i", len(self.partitions))
        return body + b"".join(per_partition(p) for p in self.partitions)

    def lag(self):
        r = self._call(2, 1, struct.pack(">i", -1) + self._topic_partitions(lambda p: struct.pack(">iq", p, -1)))
        ends = {}
        for _ in range(r.int32()):
            r.string()
            for _ in range(r.int32()):
                index, error, _timestamp, offset = r.int32(), r.int16(), r.int64(), r.int64()
                if error:
                    raise OSError(f"Kafka end offset of partition {index}: error {error}")
                ends[index] = offset
        r = self._call(9, 1, struct.pack(">h", len(self.group)) + self.group
                       + self._topic_partitions(lambda p: struct.pack(">i", p)))
        total = 0
        for _ in range(r.int32()):
            r.string()
            for _ in range(r.int32()):
                index, committed, _metadata, error = r.int32(), r.int64(), r.string(), r.int16()
                if error:
                    raise OSError(f"Kafka committed offset of partition {index}: error {error}")
                # -1: nothing committed yet; the group starts at the end (auto.offset.reset=latest)
                total += max(0, ends[index] - committed) if committed >= 0 else 0
        return total

    def close(self):
        self.sock.close()


class _Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def _take(self, fmt):
        value = struct.unpack_from(fmt, self.data, self.at)[0]
        self.at += struct.calcsize(fmt)
        return value

    def int8(self):
        return self._take(">b")

    def int16(self):
        return self._take(">h")

    def int32(self):
        return self._take(">i")

    def int64(self):
        return self._take(">q")

    def string(self):
        n = self.int16()
        if n < 0:
            return None
        self.at += n
        return self.data[self.at - n:self.at].decode()

    def array_int32(self):
        return [self.int32() for _ in range(max(0, self.int32()))]


# --- measurements -------------------------------------------------------------------------------------------------

PROM_LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)")
PROM_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def prometheus(url):
    """[(name, labels, value)] of a Prometheus text page."""
    with urllib.request.urlopen(url, timeout=5) as response:
        text = response.read().decode()
    rows = []
    for line in text.splitlines():
        m = PROM_LINE.match(line)
        if m and not line.startswith("#"):
            try:
                rows.append((m.group(1), dict(PROM_LABEL.findall(m.group(2) or "")), float(m.group(3))))
            except ValueError:
                pass
    return rows


def metric_sum(rows, name, **labels):
    values = [v for n, lab, v in rows if n == name and all(lab.get(k) == w for k, w in labels.items())]
    values = [v for v in values if not math.isnan(v)]
    return sum(values) if values else None


def vision_sample():
    rows = prometheus(VISION_METRICS)
    processed = metric_sum(rows, "vision_frames_processing_seconds_count")
    dropped = metric_sum(rows, "vision_frames_dropped_total") or 0.0
    failed = metric_sum(rows, "vision_frames_failed_total") or 0.0
    return {"processed": processed or 0.0, "dropped": dropped, "failed": failed}


def cpu_times():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def process_jiffies(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def vision_pid():
    """vision-service's pid as recorded by deploy/local/stack (None when it was started otherwise)."""
    try:
        with open(os.path.join(demo.REPO, ".local", "run", "vision-service.pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


class Sampler(threading.Thread):
    """Samples vision's counters and lag, the machine's CPU and vision's CPU every SAMPLE_EVERY_S."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []
        self.errors = []
        self.done = threading.Event()
        self.pid = vision_pid()
        self.kafka = None

    def run(self):
        while not self.done.is_set():
            t = time.time()
            try:
                sample = vision_sample()
                sample["lag"] = self.lag()
                sample["t"] = t
                sample["cpu"] = cpu_times()
                sample["vision_jiffies"] = process_jiffies(self.pid) if self.pid else None
                self.samples.append(sample)
            except OSError as e:
                self.errors.append(f"{type(e).__name__}: {e}")
            self.done.wait(max(0.0, SAMPLE_EVERY_S - (time.time() - t)))
        if self.kafka:
            self.kafka.close()

    def lag(self):
        """vision's committed lag on the frames topic; None (and the error kept) when Kafka cannot tell."""
        try:
            self.kafka = self.kafka or KafkaLag(VISION_GROUP, FRAMES_TOPIC, KAFKA)
            return self.kafka.lag()
        except (OSError, struct.error) as e:
            self.errors.append(f"Kafka lag: {type(e).__name__}: {e}")
            if self.kafka:
                self.kafka.close()
            self.kafka = None
            return None

    def stop(self):
        self.done.set()
        if self.ident is not None:  # started
            self.join(10)


def percentile(sorted_values, p):
    """Nearest-rank percentile."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def slope(points):
    """Least-squares slope of [(x, y)]; None with fewer than 3 points."""
    if len(points) < 3:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


# --- one step -----------------------------------------------------------------------------------------------------

def rtsp_mount_exists(path):
    """DESCRIBE on the test camera: 200 when it serves `path`."""
    url = f"rtsp://{CAMERA_HOST}:{CAMERA_PORT}{path}"
    try:
        with socket.create_connection((CAMERA_HOST, CAMERA_PORT), timeout=5) as s:
            s.sendall(f"DESCRIBE {url} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n".encode())
            return s.recv(64).startswith(b"RTSP/1.0 200")
    except OSError:
        return False


def prepare_classes(tenant, admin, students, n, fps):
    """Cameras /cam1../camN with a room and a class each (kept across steps: step N reuses those of smaller N); the
    school's admin sets up cameras and rooms, the teacher the classes."""
    teacher = demo.teacher_login(tenant)
    classes = []
    for k in range(1, n + 1):
        camera = demo.ensure_camera(admin, f"Bench camera {k}", f"rtsp://{CAMERA_HOST}:{CAMERA_PORT}/cam{k}", fps)
        room = demo.ensure_room(admin, f"Bench room {k}", [camera["id"]])
        klass = demo.ensure_class(teacher, f"Bench class {k}", room, students.values())
        classes.append((camera, klass))
    return teacher, classes


def wait_streaming(teacher, cameras, sessions, timeout=90):
    """Until every camera streams frames tagged with its session."""
    deadline = time.time() + timeout
    waiting = dict(zip((c["id"] for c in cameras), sessions))
    while waiting:
        for camera_id, session_id in list(waiting.items()):
            status = demo.call("GET", f"/api/ingest/cameras/{camera_id}/status", token=teacher)
            if status.get("state") == "STREAMING" and status.get("sessionId") == session_id:
                del waiting[camera_id]
        if waiting and time.time() > deadline:
            raise SystemExit(f"{len(waiting)} camera(s) did not stream within {timeout} s: {list(waiting)}")
        time.sleep(0.5)


def run_step(tenant, admin, students, n, args):
    teacher, classes = prepare_classes(tenant, admin, students, n, args.fps)
    sessions, listeners, sampler = [], [], Sampler()
    try:
        for _, klass in classes:
            fresh = demo.call("GET", f"/api/classroom/classes/{klass['id']}", token=teacher)
            if fresh.get("activeSessionId"):
                demo.call("POST", f"/api/classroom/sessions/{fresh['activeSessionId']}/end", token=teacher)
            sessions.append(demo.call("POST", f"/api/classroom/classes/{klass['id']}/sessions", token=teacher)["id"])
        for session_id in sessions:
            listener = demo.LiveListener(session_id, teacher)
            listener.start()
            listeners.append(listener)
        wait_streaming(teacher, [c for c, _ in classes], sessions)
        sampler.start()
        log(f"  {n} camera(s) streaming; warm-up {args.warmup} s, then {args.seconds} s measured")
        time.sleep(args.warmup)
        t0 = time.time()
        time.sleep(args.seconds)
        t1 = time.time()
    finally:
        sampler.stop()
        for session_id in sessions:
            try:
                demo.call("POST", f"/api/classroom/sessions/{session_id}/end", token=teacher, ok=(200, 202, 204, 409))
            except (OSError, demo.ApiError) as e:
                log(f"  could not end session {session_id}: {e}")
        for listener in listeners:
            listener.stop()
    return summarise(n, args, t0, t1, listeners, sampler)


def summarise(n, args, t0, t1, listeners, sampler):
    deltas = sorted((r, r - c) for listener in listeners for r, c in listener.deltas if t0 <= r <= t1)
    delays = sorted(d * 1000 for _, d in deltas)
    window = [s for s in sampler.samples if t0 - SAMPLE_EVERY_S / 2 <= s["t"] <= t1 + SAMPLE_EVERY_S / 2]
    row = {"cameras": n, "updates": len(deltas), "p50_ms": percentile(delays, 50), "p95_ms": percentile(delays, 95),
           "p99_ms": percentile(delays, 99), "max_ms": delays[-1] if delays else None,
           "delay_slope_ms_per_s": slope([(r - t0, d * 1000) for r, d in deltas]),
           "errors": [f"session {x.session_id}: {x.error}" for x in listeners if x.error],
           "sampler_errors": sorted(set(sampler.errors))[:5],
           # With 1 fps and tracking's 1 s flush, each camera's delay sits at its own phase: worth seeing per session.
           "p50_ms_per_session": [percentile(sorted((r - c) * 1000 for r, c in x.deltas if t0 <= r <= t1), 50)
                                  for x in listeners]}
    if len(window) >= 2:
        first, last = window[0], window[-1]
        dt = last["t"] - first["t"]
        analysed = last["processed"] - first["processed"]
        dropped = last["dropped"] - first["dropped"]
        received = analysed + dropped + (last["failed"] - first["failed"])
        busy = (last["cpu"][0] - first["cpu"][0]) / max(1, last["cpu"][1] - first["cpu"][1])
        ticks = os.sysconf("SC_CLK_TCK")
        vision_cpu = None
        if first["vision_jiffies"] is not None and last["vision_jiffies"] is not None:
            vision_cpu = (last["vision_jiffies"] - first["vision_jiffies"]) / ticks / dt
        # vision commits every 5 s (throttled strategy), so the committed lag is a saw-tooth: its floor per
        # LAG_WINDOW_S (the lag just after a commit) is what grows when vision falls behind.
        floors = {}
        for s in window:
            if s["lag"] is not None:
                bucket = int((s["t"] - t0) // LAG_WINDOW_S)
                floors[bucket] = min(floors.get(bucket, s["lag"]), s["lag"])
        lags = [((b + 0.5) * LAG_WINDOW_S, v) for b, v in sorted(floors.items())]
        row.update({"received_fps": received / dt, "analysed_fps": analysed / dt,
                    "dropped_pct": 100 * dropped / received if received else 0.0,
                    "lag_end": lags[-1][1] if lags else None, "lag_slope": slope(lags),
                    "cpu_busy_pct": 100 * busy, "vision_cores": vision_cpu})
    row["keeps_up"] = keeps_up(row, n, args.fps)
    return row


def keeps_up(row, n, fps):
    if "analysed_fps" not in row or not row["updates"]:
        return False
    # After a commit: a frame on the workers and one waiting per camera, plus those of the <= 2 s since the commit.
    lag_ok = row["lag_end"] is None or (
        row["lag_end"] <= n * (2 + SAMPLE_EVERY_S * fps) and (row["lag_slope"] or 0) < 0.1)
    # A backlog waiting inside vision shows as a delay that grows over the step (its noise is a few ms/s).
    delay_ok = (row["delay_slope_ms_per_s"] or 0) < MAX_DELAY_SLOPE
    return lag_ok and delay_ok and row["dropped_pct"] < 5 and row["analysed_fps"] >= 0.9 * n * fps


# --- report -------------------------------------------------------------------------------------------------------

def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        mem = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        rev = subprocess.run(["git", "-C", demo.REPO, "describe", "--always", "--dirty"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except OSError:
        rev = ""
    return f"{cores} cores (nproc), {model}{mem}; git {rev or '?'}"


HEADER = ("cameras  updates  p50 ms  p95 ms  p99 ms  delay trend  frames/s in  analysed  dropped  lag end  "
          "lag slope  cpu busy  vision cores  keeps up")


def fmt(value, spec, missing="-"):
    return missing if value is None else format(value, spec)


def table_row(r):
    return (f"{r['cameras']:7d}  {r['updates']:7d}  {fmt(r['p50_ms'], '6.0f'):>6}  {fmt(r['p95_ms'], '6.0f'):>6}  "
            f"{fmt(r['p99_ms'], '6.0f'):>6}  {fmt(r['delay_slope_ms_per_s'], '6.1f'):>6} ms/s  "
            f"{fmt(r.get('received_fps'), '11.2f'):>11}  "
            f"{fmt(r.get('analysed_fps'), '8.2f'):>8}  {fmt(r.get('dropped_pct'), '6.1f'):>6}%  "
            f"{fmt(r.get('lag_end'), '7.0f'):>7}  {fmt(r.get('lag_slope'), '7.2f'):>7}/s  "
            f"{fmt(r.get('cpu_busy_pct'), '7.0f'):>7}%  {fmt(r.get('vision_cores'), '12.2f'):>12}  "
            f"{'yes' if r['keeps_up'] else 'no'}")


def log(text):
    print(text, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cameras", default="1,2,4,6,8", help="camera counts, one step each (default 1,2,4,6,8)")
    parser.add_argument("--seconds", type=int, default=60, help="measured seconds per step (default 60)")
    parser.add_argument("--warmup", type=int, default=20, help="seconds per step before measuring (default 20)")
    parser.add_argument("--fps", type=float, default=1.0, help="analysis frames per second per camera (default 1)")
    parser.add_argument("--pause", type=int, default=10, help="seconds between steps, to let the pipeline drain")
    parser.add_argument("--out", default=os.path.join(demo.REPO, ".local", "bench", "pipeline-latency.txt"),
                        help="the table is also written here, the raw figures next to it as .json")
    args = parser.parse_args()
    try:
        steps = [int(x) for x in args.cameras.split(",") if x.strip()]
    except ValueError:
        parser.error("--cameras takes a comma-separated list of numbers")
    if not steps or min(steps) < 1:
        parser.error("--cameras needs at least one number >= 1")
    if demo.truth()["duration_s"] < args.warmup + args.seconds + 15:
        log(f"note: warm-up + measurement exceed the demo video ({demo.truth()['duration_s']} s); it loops")
    if not rtsp_mount_exists(f"/cam{max(steps)}"):
        raise SystemExit(f"the test camera does not serve /cam{max(steps)}: start it with CAMERA_MOUNTS={max(steps)} "
                         f"(deploy/local/stack stop camera; CAMERA_MOUNTS={max(steps)} deploy/local/stack up camera)")
    try:
        vision_sample()
    except OSError as e:
        raise SystemExit(f"vision-service's metrics do not answer at {VISION_METRICS}: {e}")

    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")
    header = [
        "Whole-pipeline latency: frame capture (camera-ingest's capturedAt) -> teacher's WebSocket delta (gateway)",
        f"machine: {machine()}; {started}",
        f"cameras: rtsp://{CAMERA_HOST}:{CAMERA_PORT}/cam<k> (demo video 1280x720 10 fps), {args.fps:g} analysis fps "
        f"each; {args.seconds} s measured after a {args.warmup} s warm-up per step",
        "",
    ]
    for line in header:
        log(line)
    tenant = f"bench-{int(time.time())}"
    people = demo.seed_people(tenant)
    log(f"seeded tenant '{tenant}': teacher and {len(people['students'])} enrolled students")

    rows = []
    for i, n in enumerate(steps):
        if i:
            time.sleep(args.pause)
        log(f"step {i + 1}/{len(steps)}: {n} camera(s)")
        row = run_step(tenant, people["admin"], people["students"], n, args)
        rows.append(row)
        log(HEADER)
        log(table_row(row))
        for error in row["errors"]:
            log(f"  WebSocket error: {error}")

    kept = [r["cameras"] for r in rows if r["keeps_up"]]
    footer = [
        "",
        "delay: receive time minus the newest seenAt in each delta (tracking sends at most one delta per session every tracking.live-interval, 250 ms);",
        f"frames/s in = analysed + dropped + failed by vision; lag: group {VISION_GROUP} on {FRAMES_TOPIC}, log end "
        f"minus committed, lowest per {LAG_WINDOW_S:g} s (- = Kafka did not answer); cpu busy: whole machine; "
        "vision cores: vision-service's CPU seconds per second",
        "delay trend: least-squares slope of the delay over the step",
        f"keeps up: lag slope < 0.1/s, lag <= {2 + SAMPLE_EVERY_S * args.fps:g} per camera, delay trend < "
        f"{MAX_DELAY_SLOPE:g} ms/s, < 5% dropped, analysed >= 90% of cameras x fps",
        f"most cameras one vision instance keeps up with: {max(kept) if kept else 'none of the steps'}"
        + ("" if not kept or max(kept) < max(steps) else " (the largest step; try more)"),
    ]
    lines = header + [HEADER] + [table_row(r) for r in rows] + footer
    log("\n" + "\n".join(lines[len(header):]))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.splitext(args.out)[0] + ".json", "w") as f:
        json.dump({"tenant": tenant, "args": vars(args), "steps": rows}, f, indent=1)
    log(f"written to {os.path.relpath(args.out, demo.REPO) if args.out.startswith(demo.REPO) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
