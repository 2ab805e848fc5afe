// Drives the reference console (console/) in Debian's chromium, headless, as a teacher and a student would:
// the teacher logs in, starts a session on the demo camera, sees students appear live, ends it and downloads the PDF;
// meanwhile a student checks in with chromium's fake camera, fed from a clip of the demo video. Screenshots go to
// the directory named in the config. Config: JSON in CONSOLE_CHECK (see deploy/local/demo/console_check.py).
import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import path from "node:path";

const config = JSON.parse(process.env.CONSOLE_CHECK);
const failures = [];
const check = (ok, what) => {
  console.log(`  ${ok ? "ok " : "BAD"} ${what}`);
  if (!ok) failures.push(what);
};
const shot = (page, name) => page.screenshot({ path: path.join(config.screenshots, `${name}.png`), fullPage: true });

async function logIn(page, who) {
  await page.goto(`${config.gateway}/console/`);
  await page.getByLabel("School").fill(config.tenant);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByLabel("Password").press("Enter"); // the keyboard submits the form
  await page.getByRole("heading", { name: "My classes" }).waitFor();
}

const pages = {};
const browser = await chromium.launch({
  executablePath: config.chromium,
  headless: true,
  args: [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${config.y4m}`,
  ],
});
try {
  const teacher = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true }))
    .newPage();
  pages.teacher = teacher;
  await logIn(teacher, config.teacher);
  await shot(teacher, "teacher-classes");
  await teacher.getByRole("button", { name: `Start a session of ${config.className}` }).click();
  await teacher.getByRole("heading", { name: `Live attendance: ${config.className}` }).waitFor();
  // Students appear once the camera streams and vision recognises them.
  const here = teacher.locator("#live-table tbody tr").filter({ has: teacher.locator("td:nth-child(2).yes") });
  await here.first().waitFor({ timeout: 120_000 });
  check(await here.count() > 0, `the teacher sees students appear live: ${await teacher.locator("#live-summary").textContent()}`);
  await shot(teacher, "teacher-live");

  // A student at phone width checks in to the running session with the fake camera.
  const student = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true }))
    .newPage();
  pages.student = student;
  await logIn(student, config.student);
  await student.getByRole("button", { name: `Check in to ${config.className} with my webcam` }).click();
  const status = student.locator("#webcam-status");
  await status.filter({ hasText: "Checked in:" }).waitFor({ timeout: 60_000 });
  check(true, `the student checks in with the webcam: ${await status.textContent()}`);
  await shot(student, "student-checkin");
  await student.getByRole("button", { name: "Stop" }).click();

  await teacher.getByRole("button", { name: "End session" }).click();
  await teacher.getByRole("heading", { name: `Session report: ${config.className}` }).waitFor();
  const summary = teacher.locator("#report-summary");
  await summary.filter({ hasNotText: "Waiting" }).waitFor({ timeout: 90_000 });
  const rows = await teacher.locator("#report-table tbody tr").count();
  check(rows > 0, `the report lists ${rows} students: ${await summary.textContent()}`);
  const [download] = await Promise.all([
    teacher.waitForEvent("download"),
    teacher.getByRole("button", { name: "Download PDF" }).click(),
  ]);
  const pdf = await readFile(await download.path());
  check(pdf.subarray(0, 5).toString() === "%PDF-", `the PDF downloads (${pdf.length} bytes)`);
  await shot(teacher, "teacher-report");
} catch (error) {
  check(false, `console: ${error.message.split("\n")[0]}`);
  for (const [who, page] of Object.entries(pages)) {
    console.log(`  ${who} saw: ${(await page.locator("#message").textContent().catch(() => "")) || "(no message)"}`);
    await shot(page, `failed-${who}`).catch(() => {});
  }
} finally {
  await browser.close();
}
console.log(`console: ${failures.length ? "FAILED" : "passed"}`);
process.exit(failures.length ? 1 : 0);
