package io.classroom.analytics.service;

import io.classroom.analytics.render.BarChart;
import io.classroom.analytics.render.CameraHeatmapChart;
import io.classroom.analytics.render.ChartRenderer;
import io.classroom.analytics.render.CsvWriter;
import io.classroom.analytics.render.PdfReport;
import io.classroom.analytics.render.SessionTimelineChart;
import io.classroom.analytics.service.ClassroomAnalyticsService.AttendanceRow;
import io.classroom.analytics.service.ClassroomAnalyticsService.CameraHeatmapPicture;
import io.classroom.analytics.service.ClassroomAnalyticsService.ClassReport;
import io.classroom.analytics.service.ClassroomAnalyticsService.GridCell;
import io.classroom.analytics.service.ClassroomAnalyticsService.SessionAttendance;
import io.classroom.analytics.service.ClassroomAnalyticsService.StudentRate;
import io.classroom.analytics.service.ClassroomAnalyticsService.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Charts, CSV and PDF of the analytics views. CPU work: callers run it off the event loop. */
public final class Reports {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    private static final List<String> SESSION_HEADERS = List.of(
            "userId",
            "name",
            "status",
            "presentSeconds",
            "engagedSeconds",
            "engagementPct",
            "late",
            "leftEarly",
            "firstSeenAt",
            "lastSeenAt",
            "finalized");
    private static final List<String> CLASS_HEADERS =
            List.of("userId", "name", "sessions", "attended", "late", "attendanceRate", "atRisk");

    private Reports() {}

    /** Attentive share per minute (times in UTC). */
    public static BarChart timelineChart(Timeline timeline) {
        List<String> labels = new ArrayList<>();
        double[] shares = new double[timeline.minutes().size()];
        for (int i = 0; i < shares.length; i++) {
            var point = timeline.minutes().get(i);
            labels.add(MINUTE.format(point.minute()));
            shares[i] = point.attentiveShare();
        }
        String name = timeline.className() != null ? timeline.className() : timeline.sessionId();
        return new BarChart("Attentive share per minute (UTC), " + name, labels, shares);
    }

    /**
     * A camera's heatmap titled with the camera and room names (the camera id when it was never announced), over the
     * room's snapshot when there is one.
     */
    public static CameraHeatmapChart cameraChart(CameraHeatmapPicture picture) {
        var heatmap = picture.heatmap();
        long[][] faces = new long[heatmap.rows()][heatmap.columns()];
        Integer[][] percent = new Integer[heatmap.rows()][heatmap.columns()];
        for (GridCell cell : heatmap.cells()) {
            faces[cell.row()][cell.column()] = cell.faces();
            percent[cell.row()][cell.column()] = (int) Math.round(cell.attentiveShare() * 100);
        }
        String camera = heatmap.cameraName() != null ? heatmap.cameraName() : "Camera " + heatmap.cameraId();
        String title = heatmap.roomName() != null ? camera + " — " + heatmap.roomName() : camera;
        String scope = heatmap.sessionId() == null
                ? "All class sessions"
                : (heatmap.className() != null ? heatmap.className() : "Class session") + ", one session";
        String subtitle =
                scope + " \u00b7 where faces were in the camera's view: " + heatmap.faces() + " face detections";
        var background = picture.background();
        double aspect = background != null
                ? (double) background.height / background.width
                : (double) heatmap.rows() / heatmap.columns();
        return new CameraHeatmapChart(
                title, subtitle, faces, percent, background == null ? null : background.jpeg, aspect);
    }

    /** Attendance rate per session of a class. */
    public static BarChart classChart(ClassReport report) {
        List<String> labels = new ArrayList<>();
        double[] rates = new double[report.perSession().size()];
        for (int i = 0; i < rates.length; i++) {
            var session = report.perSession().get(i);
            labels.add(session.startedAt() == null ? "?" : DAY.format(session.startedAt()));
            rates[i] = session.rate();
        }
        return new BarChart("Attendance rate per session, " + name(report), labels, rates);
    }

    public static String sessionCsv(SessionAttendance report) {
        var csv = new CsvWriter().row(SESSION_HEADERS);
        sessionRows(report.rows()).forEach(csv::row);
        return csv.toString();
    }

    /**
     * The session report a teacher reads: names in order, human column titles, local times (the class's zone),
     * durations in minutes, no ids; a summary with the rule in words; the class's attentive share per minute and each
     * student's presence over the session.
     */
    public static byte[] sessionPdf(SessionAttendance report) {
        var zone = ZoneId.of(report.timeZone());
        var summary = report.summary();
        var start = report.startedAt();
        var end = report.endedAt();
        var lines = new ArrayList<String>();
        lines.add("%s, %s to %s (%s)%s"
                .formatted(
                        DATE.withZone(zone).format(start),
                        CLOCK.withZone(zone).format(start),
                        end == null ? "now" : CLOCK.withZone(zone).format(end),
                        zone.getId(),
                        end == null
                                ? ", still running"
                                : ", " + minutes(Duration.between(start, end).toSeconds())));
        lines.add("%d %s: %d present, %d absent, %d late. Average engagement %s."
                .formatted(
                        summary.students(),
                        summary.students() == 1 ? "student" : "students",
                        summary.attended(),
                        summary.absent(),
                        summary.late(),
                        wholePercent(summary.averageEngagementPct())));
        lines.add(("A student is present when seen attentive for at least %d %% of the session (time the cameras were"
                        + " down does not count); late when first seen after the class's grace period.")
                .formatted(report.attendanceThreshold() == null ? 75 : report.attendanceThreshold()));
        if (report.rows().stream().anyMatch(r -> !r.finalized())) {
            lines.add("Provisional: the session's attendance is not final yet.");
        }
        var charts = new ArrayList<byte[]>();
        var profile = report.profile();
        if (profile != null
                && profile.students().stream().anyMatch(s -> !s.bands().isEmpty())) {
            charts.add(ChartRenderer.png(sessionTimeline(report, zone)));
        }
        var table = new PdfReport.Table(
                List.of(
                        "Student",
                        "Status",
                        "Present",
                        "Engaged",
                        "Engagement",
                        "Late",
                        "Left early",
                        "First seen",
                        "Last seen"),
                new float[] {3f, 1.4f, 1.2f, 1.2f, 1.2f, 0.8f, 1f, 1.2f, 1.2f},
                new boolean[] {false, false, true, true, true, false, false, true, true},
                report.rows().stream()
                        .map(r -> List.of(
                                r.displayName() == null ? "(no name)" : r.displayName(),
                                status(r.status()),
                                minutes(r.presentSeconds()),
                                minutes(r.engagedSeconds()),
                                wholePercent(r.engagementPct()),
                                yesNo(r.late()),
                                yesNo(r.leftEarly()),
                                clock(r.firstSeenAt(), zone),
                                clock(r.lastSeenAt(), zone)))
                        .toList());
        return PdfReport.render(
                "Attendance: " + (report.className() == null ? "class session" : report.className()),
                lines,
                charts,
                table,
                "Times in " + zone.getId() + ". Present and engaged time in minutes; engagement is engaged time over"
                        + " the session's time with cameras up.");
    }

    /** The session's per-minute attentive share and each student's bands, on one time axis in the class's zone. */
    static SessionTimelineChart sessionTimeline(SessionAttendance report, ZoneId zone) {
        var start = report.startedAt();
        var profile = report.profile();
        double duration = Math.max(1, Duration.between(start, profile.until()).toMillis() / 1000.0);
        var rows = profile.students().stream()
                .map(s -> new SessionTimelineChart.Row(
                        s.displayName() == null ? "(no name)" : s.displayName(),
                        s.bands().stream()
                                .map(b -> new SessionTimelineChart.Span(
                                        Duration.between(start, b.from()).toMillis() / 1000.0,
                                        Duration.between(start, b.to()).toMillis() / 1000.0,
                                        ClassroomAnalyticsService.Band.ATTENTIVE.equals(b.state())))
                                .toList()))
                .toList();
        double[] shares = profile.attentiveSharePerMinute() == null
                ? new double[0]
                : profile.attentiveSharePerMinute().stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
        return new SessionTimelineChart(duration, ticks(start, duration, zone), shares, rows);
    }

    /** About 6-12 labelled instants at a round step: 30 s, 1, 2, 5, 10, 15, 30 or 60 minutes. */
    static List<SessionTimelineChart.Tick> ticks(Instant start, double durationSeconds, ZoneId zone) {
        int step = 3600;
        for (int candidate : new int[] {30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (durationSeconds / candidate <= 12) {
                step = candidate;
                break;
            }
        }
        var format = (step < 60 ? SECONDS : CLOCK).withZone(zone);
        var ticks = new ArrayList<SessionTimelineChart.Tick>();
        long first = (long) Math.ceil(start.getEpochSecond() / (double) step) * step;
        for (long t = first; t - start.getEpochSecond() <= durationSeconds; t += step) {
            ticks.add(
                    new SessionTimelineChart.Tick(t - start.getEpochSecond(), format.format(Instant.ofEpochSecond(t))));
        }
        return ticks;
    }

    public static String classCsv(ClassReport report) {
        var csv = new CsvWriter().row(CLASS_HEADERS);
        classRows(report.perStudent()).forEach(csv::row);
        return csv.toString();
    }

    /** The class report a teacher reads: names in order, human titles, local dates, no ids. */
    public static byte[] classPdf(ClassReport report) {
        var zone = ZoneId.of(report.timeZone());
        List<String> lines = List.of(
                "%s to %s (%s)"
                        .formatted(
                                DATE.withZone(zone).format(report.from()),
                                DATE.withZone(zone).format(report.to()),
                                zone.getId()),
                "Attendance rate %s, trend %s; %d %s below %s."
                        .formatted(
                                wholePercent(report.attendanceRate() * 100),
                                report.trend().direction().toString().toLowerCase(Locale.ROOT),
                                report.atRisk().size(),
                                report.atRisk().size() == 1 ? "student" : "students",
                                wholePercent(report.atRiskBelow() * 100)));
        List<byte[]> charts =
                report.perSession().isEmpty() ? List.of() : List.of(ChartRenderer.png(classChart(report)));
        var table = new PdfReport.Table(
                List.of("Student", "Sessions", "Attended", "Late", "Attendance rate", "At risk"),
                new float[] {3f, 1f, 1f, 1f, 1.3f, 1f},
                new boolean[] {false, true, true, true, true, false},
                report.perStudent().stream()
                        .sorted(Comparator.comparing(
                                (StudentRate r) -> r.displayName() == null ? "" : r.displayName(),
                                String.CASE_INSENSITIVE_ORDER))
                        .map(r -> List.of(
                                r.displayName() == null ? "(no name)" : r.displayName(),
                                String.valueOf(r.sessions()),
                                String.valueOf(r.attended()),
                                String.valueOf(r.late()),
                                wholePercent(r.rate() * 100),
                                yesNo(r.atRisk())))
                        .toList());
        return PdfReport.render(
                "Class attendance: " + name(report), lines, charts, table, "Dates in " + zone.getId() + ".");
    }

    private static List<List<String>> sessionRows(List<AttendanceRow> rows) {
        return rows.stream()
                .map(r -> List.of(
                        r.userId(),
                        text(r.displayName()),
                        text(r.status()),
                        String.valueOf(r.presentSeconds()),
                        String.valueOf(r.engagedSeconds()),
                        String.format(Locale.ROOT, "%.2f", r.engagementPct()),
                        String.valueOf(r.late()),
                        String.valueOf(r.leftEarly()),
                        time(r.firstSeenAt()),
                        time(r.lastSeenAt()),
                        String.valueOf(r.finalized())))
                .toList();
    }

    private static List<List<String>> classRows(List<StudentRate> rows) {
        return rows.stream()
                .map(r -> List.of(
                        r.userId(),
                        text(r.displayName()),
                        String.valueOf(r.sessions()),
                        String.valueOf(r.attended()),
                        String.valueOf(r.late()),
                        String.format(Locale.ROOT, "%.4f", r.rate()),
                        String.valueOf(r.atRisk())))
                .toList();
    }

    private static String name(ClassReport report) {
        return report.className() == null ? report.classId() : report.className();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }

    private static String wholePercent(double percent) {
        return String.format(Locale.ROOT, "%.0f %%", percent);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String status(String status) {
        return status == null
                ? ""
                : status.charAt(0)
                        + status.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String clock(Instant instant, ZoneId zone) {
        return instant == null ? "-" : SECONDS.withZone(zone).format(instant);
    }
}
