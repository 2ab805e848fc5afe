// The suite's reference console: plain ES module, no build step, served by the gateway at /console/. It calls the
// same APIs a school's own frontend would, through the gateway (same origin). The access token stays in memory: a
// reload logs out, and nothing about a child is kept in the browser.

const state = { token: null, me: null, live: null, webcam: null, names: new Map(), students: new Map() };
const $ = (id) => document.getElementById(id);

// --- HTTP ------------------------------------------------------------------------------------------------------

async function api(method, path, body, accept = "application/json") {
  const headers = { Accept: accept };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch { /* not a problem body */ }
    throw new Error(detail);
  }
  if (response.status === 204) return null;
  return accept === "application/json" ? response.json() : response.blob();
}

/** A WebSocket carrying the token the way browsers can: in Sec-WebSocket-Protocol. */
function socket(path) {
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${path}`;
  return new WebSocket(url, ["bearer-token-carrier",
    "quarkus-http-upgrade#Authorization#" + encodeURIComponent(`Bearer ${state.token}`)]);
}

function say(text) { $("message").textContent = text || ""; }

function show(view) {
  for (const id of ["login-view", "classes-view", "live-view", "report-view", "webcam-view"]) $(id).hidden = id !== view;
  const heading = $(view).querySelector("h2");
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

const items = (page) => (Array.isArray(page) ? page : page.items || []);
const isStaff = () => state.me.roles.some((r) => r === "TEACHER" || r === "ADMIN");
const minutes = (seconds) => `${(seconds / 60).toFixed(1)} min`;
const yesNo = (cell, value) => { cell.textContent = value ? "yes" : "no"; cell.className = value ? "yes" : "no"; };

// --- login -----------------------------------------------------------------------------------------------------

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  say("");
  try {
    const form = new FormData(event.target);
    const tokens = await api("POST", "/api/auth/login",
      { tenant: form.get("tenant"), email: form.get("email"), password: form.get("password") });
    state.token = tokens.accessToken;
    state.me = await api("GET", "/api/auth/users/me");
    $("password").value = "";
    $("who").textContent = `${state.me.displayName} (${state.me.roles.join(", ").toLowerCase()})`;
    $("logout").hidden = false;
    await showClasses();
  } catch (error) {
    say(`Could not log in: ${error.message}`);
  }
});

$("logout").addEventListener("click", () => {
  stopLive();
  stopWebcam();
  Object.assign(state, { token: null, me: null });
  $("who").textContent = "";
  $("logout").hidden = true;
  show("login-view");
});

// --- classes ---------------------------------------------------------------------------------------------------

async function showClasses() {
  const classes = items(await api("GET", "/api/classroom/classes?size=100"));
  const list = $("classes");
  list.replaceChildren();
  for (const klass of classes) {
    const item = document.createElement("li");
    const title = document.createElement("h3");
    title.textContent = klass.title;
    const facts = document.createElement("p");
    facts.textContent = `${klass.studentCount} students` + (klass.activeSessionId ? " · session running" : "");
    item.append(title, facts);
    if (isStaff()) {
      item.append(klass.activeSessionId
        ? button(`Open the live session of ${klass.title}`, "Open live session", () => openLive(klass, klass.activeSessionId))
        : button(`Start a session of ${klass.title}`, "Start session", () => startSession(klass)));
    } else if (klass.activeSessionId) {
      item.append(button(`Check in to ${klass.title} with my webcam`, "Check in with webcam",
        () => startWebcam(klass.activeSessionId, false)));
    }
    list.append(item);
  }
  if (!classes.length) list.innerHTML = "<li>No classes yet.</li>";
  $("personal-start").hidden = isStaff();
  show("classes-view");
}

function button(label, text, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.addEventListener("click", async () => {
    say("");
    try { await action(); } catch (error) { say(error.message); }
  });
  return b;
}

async function startSession(klass) {
  const session = await api("POST", `/api/classroom/classes/${klass.id}/sessions`);
  await openLive(klass, session.id);
}

// --- live attendance -------------------------------------------------------------------------------------------

async function openLive(klass, sessionId) {
  stopLive();
  state.names = new Map(items(await api("GET", `/api/classroom/classes/${klass.id}/roster`))
    .map((s) => [s.userId, s.displayName || "(no name)"]));
  state.students = new Map();
  $("live-title").textContent = `Live attendance: ${klass.title}`;
  $("live-summary").textContent = "Connecting…";
  $("end-session").onclick = () => endSession(klass, sessionId);
  renderLive();
  show("live-view");
  connectLive(sessionId, 0);
}

/**
 * The live feed, reconnected when it drops: a session started a moment ago may not have reached tracking yet (the
 * socket is then refused), and networks drop. Gives up after 10 failed attempts in a row.
 */
function connectLive(sessionId, failures) {
  const ws = socket(`/ws/sessions/${sessionId}`);
  state.live = ws;
  let received = false;
  ws.onmessage = (event) => {
    received = true;
    const message = JSON.parse(event.data);
    for (const student of message.students || []) state.students.set(student.userId, student);
    renderLive();
  };
  ws.onclose = (event) => {
    if (state.live !== ws || event.code === 1000) return;
    const attempt = received ? 0 : failures + 1;
    if (attempt >= 10) {
      $("live-summary").textContent = `Live feed unavailable (${event.code}).`;
      return;
    }
    $("live-summary").textContent = "Connecting to the live feed…";
    setTimeout(() => { if (state.live === ws) connectLive(sessionId, attempt); }, 2000);
  };
}

function renderLive() {
  const body = $("live-table").tBodies[0];
  body.replaceChildren();
  const ids = new Set([...state.names.keys(), ...state.students.keys()]);
  const rows = [...ids].map((id) => ({ id, name: state.names.get(id) || "(no name)", live: state.students.get(id) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  let here = 0;
  for (const { name, live } of rows) {
    const row = body.insertRow();
    row.insertCell().textContent = name;
    yesNo(row.insertCell(), live?.presentNow);
    yesNo(row.insertCell(), live?.attentiveNow);
    row.insertCell().textContent = live?.gazeDirection?.toLowerCase() || "-";
    row.insertCell().textContent = live ? `${Math.round(live.engagedPct)} %` : "-";
    row.insertCell().textContent = live?.status ? live.status.toLowerCase() : "not seen";
    row.insertCell().textContent = (live?.flags || []).map((f) => f.toLowerCase().replaceAll("_", " ")).join(", ");
    if (live?.presentNow) here++;
  }
  $("live-summary").textContent = `${here} of ${rows.length} students here now.`;
}

function stopLive() {
  if (state.live) { const ws = state.live; state.live = null; ws.close(1000); }
}

$("back-from-live").addEventListener("click", () => { stopLive(); showClasses().catch((e) => say(e.message)); });

async function endSession(klass, sessionId) {
  say("");
  try {
    await api("POST", `/api/classroom/sessions/${sessionId}/end`);
    stopLive();
    await showReport(klass, sessionId);
  } catch (error) {
    say(`Could not end the session: ${error.message}`);
  }
}

// --- report ----------------------------------------------------------------------------------------------------

async function showReport(klass, sessionId) {
  $("report-title").textContent = `Session report: ${klass.title}`;
  $("report-summary").textContent = "Waiting for the final attendance…";
  $("report-table").tBodies[0].replaceChildren();
  $("report-chart").hidden = true;
  show("report-view");
  $("download-pdf").onclick = () => download(sessionId, "pdf", "application/pdf");
  $("download-csv").onclick = () => download(sessionId, "csv", "text/csv");
  // Tracking finalises every roster member's attendance when the session ends; analytics has it a moment later.
  const expected = Math.max(1, state.names.size);
  let report;
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      report = await api("GET", `/api/analytics/class-sessions/${sessionId}/attendance`);
      if (report.rows.length >= expected && report.rows.every((r) => r.finalized)) break;
    } catch (error) {
      if (attempt === 29) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const s = report.summary;
  $("report-summary").textContent = `${s.students} students: ${s.attended} present, ${s.absent} absent, ${s.late} late.`
    + ` Average engagement ${Math.round(s.averageEngagementPct)} %.`
    + (report.rows.every((r) => r.finalized) ? "" : " Provisional: not final yet.");
  const body = $("report-table").tBodies[0];
  for (const r of report.rows) {
    const row = body.insertRow();
    row.insertCell().textContent = r.displayName || "(no name)";
    row.insertCell().textContent = r.status.toLowerCase();
    row.insertCell().textContent = minutes(r.presentSeconds);
    row.insertCell().textContent = minutes(r.engagedSeconds);
    row.insertCell().textContent = `${Math.round(r.engagementPct)} %`;
    row.insertCell().textContent = r.late ? "late" : "on time";
  }
  try {
    const png = await api("GET", `/api/analytics/class-sessions/${sessionId}/timeline?format=png`, undefined, "image/png");
    $("report-chart").src = URL.createObjectURL(png);
    $("report-chart").hidden = false;
  } catch { /* no frames analysed: no chart */ }
}

async function download(sessionId, format, type) {
  try {
    const blob = await api("GET", `/api/analytics/class-sessions/${sessionId}/attendance?format=${format}`, undefined, type);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `attendance-${sessionId}.${format}`;
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    say(`Could not download the ${format.toUpperCase()}: ${error.message}`);
  }
}

$("back-from-report").addEventListener("click", () => showClasses().catch((e) => say(e.message)));

// --- webcam: class check-in and personal focus sessions --------------------------------------------------------

$("personal-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  say("");
  try {
    const session = await api("POST", "/api/tracking/personal-sessions", { title: $("personal-title").value });
    await startWebcam(session.id, true);
  } catch (error) {
    say(`Could not start the focus session: ${error.message}`);
  }
});

async function startWebcam(sessionId, personal) {
  stopWebcam();
  $("webcam-title").textContent = personal ? "Focus session" : "Webcam check-in";
  $("webcam-status").textContent = "Asking for the camera…";
  $("personal-live").hidden = !personal;
  $("pause-personal").hidden = !personal;
  $("resume-personal").hidden = true;
  $("personal-report").textContent = "";
  show("webcam-view");
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const video = $("webcam-video");
  video.srcObject = stream;
  await video.play().catch(() => {});
  const cam = { sessionId, personal, stream, ws: socket(`/ws/webcam/${sessionId}`), sent: 0, accepted: 0 };
  state.webcam = cam;
  const canvas = document.createElement("canvas");
  canvas.width = 640;
  canvas.height = 480;
  cam.ws.onopen = () => {
    $("webcam-status").textContent = "Sending one frame a second.";
    cam.timer = setInterval(() => {
      if (!video.videoWidth || cam.ws.readyState !== WebSocket.OPEN) return;
      canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((jpeg) => { if (jpeg && cam.ws.readyState === WebSocket.OPEN) { cam.ws.send(jpeg); cam.sent++; } },
        "image/jpeg", 0.8);
    }, 1000);
  };
  cam.ws.onmessage = (event) => {
    const reply = JSON.parse(event.data);
    if (reply.status === 202) cam.accepted++;
    $("webcam-status").textContent = reply.status === 202
      ? `Checked in: ${cam.accepted} ${cam.accepted === 1 ? "frame" : "frames"} received.`
      : `Frame not used: ${reply.detail || reply.title || reply.status}`;
  };
  cam.ws.onclose = (event) => {
    if (state.webcam === cam && event.code !== 1000) $("webcam-status").textContent = `Webcam link closed (${event.code}).`;
  };
  if (personal) {
    cam.live = socket(`/ws/sessions/${sessionId}`);
    cam.live.onmessage = (event) => {
      const view = JSON.parse(event.data).personal;
      if (!view) return;
      $("pl-face").textContent = view.faceFound ? "yes" : "no";
      $("pl-gaze").textContent = view.gazeDirection ? view.gazeDirection.toLowerCase() : "-";
      $("pl-attentive").textContent = view.attentive ? "yes" : "no";
      $("pl-activity").textContent = view.activity ? view.activity.toLowerCase() : "-";
      $("pl-focus").textContent = `${Math.round(view.focusPct || 0)} %`;
    };
  }
}

function stopWebcam() {
  const cam = state.webcam;
  if (!cam) return;
  state.webcam = null;
  clearInterval(cam.timer);
  cam.ws.close(1000);
  cam.live?.close(1000);
  cam.stream.getTracks().forEach((t) => t.stop());
  $("webcam-video").srcObject = null;
}

$("pause-personal").addEventListener("click", async () => {
  await transition("pause");
  $("pause-personal").hidden = true;
  $("resume-personal").hidden = false;
});
$("resume-personal").addEventListener("click", async () => {
  await transition("resume");
  $("resume-personal").hidden = true;
  $("pause-personal").hidden = false;
});

async function transition(kind) {
  try { return await api("POST", `/api/tracking/personal-sessions/${state.webcam.sessionId}/${kind}`, {}); }
  catch (error) { say(`Could not ${kind}: ${error.message}`); return null; }
}

$("stop-webcam").addEventListener("click", async () => {
  const cam = state.webcam;
  if (cam?.personal) {
    const report = await transition("end");
    if (report) {
      $("personal-report").textContent = `Focus ${minutes(report.focusSeconds)}, distracted `
        + `${minutes(report.distractionSeconds)}.`;
    }
  }
  stopWebcam();
  if (!cam?.personal) await showClasses().catch((e) => say(e.message));
});
