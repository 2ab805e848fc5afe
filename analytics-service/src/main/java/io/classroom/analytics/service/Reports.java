package io.classroom.analytics.service;

import io.classroom.analytics.render.BarChart;
import io.classroom.analytics.render.ChartRenderer;
import io.classroom.analytics.render.CsvWriter;
import io.classroom.analytics.render.GridChart;
import io.classroom.analytics.render.PdfReport;
import io.classroom.analytics.service.ClassroomAnalyticsService.AttendanceRow;
import io.classroom.analytics.service.ClassroomAnalyticsService.CameraHeatmap;
import io.classroom.analytics.service.ClassroomAnalyticsService.ClassReport;
import io.classroom.analytics.service.ClassroomAnalyticsService.GridCell;
import io.classroom.analytics.service.ClassroomAnalyticsService.SessionAttendance;
import io.classroom.analytics.service.ClassroomAnalyticsService.StudentRate;
import io.classroom.analytics.service.ClassroomAnalyticsService.Timeline;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Charts, CSV and PDF of the analytics views. CPU work: callers run it off the event loop. */
public final class Reports {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

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

    /** Faces per grid cell, shaded by count, labelled with the attentive share. */
    public static GridChart cameraChart(CameraHeatmap heatmap) {
        double[][] values = new double[heatmap.rows()][heatmap.columns()];
        String[][] text = new String[heatmap.rows()][heatmap.columns()];
        for (GridCell cell : heatmap.cells()) {
            values[cell.row()][cell.column()] = cell.faces();
            text[cell.row()][cell.column()] = Math.round(cell.attentiveShare() * 100) + "%";
        }
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < heatmap.rows(); r++) {
            rows.add("row " + r);
        }
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < heatmap.columns(); c++) {
            columns.add(String.valueOf(c));
        }
        return new GridChart(
                "Faces per cell of camera " + heatmap.cameraId() + " (label: attentive share)",
                rows,
                columns,
                values,
                text);
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

    public static byte[] sessionPdf(SessionAttendance report) {
        var summary = report.summary();
        List<String> lines = List.of(
                "Class: " + (report.className() == null ? report.classId() : report.className()),
                "Session: " + report.sessionId() + ", " + time(report.startedAt()) + " to " + time(report.endedAt()),
                "Students: %d, attended: %d, absent: %d, late: %d, attendance rate: %s"
                        .formatted(
                                summary.students(),
                                summary.attended(),
                                summary.absent(),
                                summary.late(),
                                percent(summary.attendanceRate())));
        byte[] chart = report.timeline() == null || report.timeline().minutes().isEmpty()
                ? null
                : ChartRenderer.png(timelineChart(report.timeline()));
        return PdfReport.render("Attendance report", lines, chart, SESSION_HEADERS, sessionRows(report.rows()));
    }

    public static String classCsv(ClassReport report) {
        var csv = new CsvWriter().row(CLASS_HEADERS);
        classRows(report.perStudent()).forEach(csv::row);
        return csv.toString();
    }

    public static byte[] classPdf(ClassReport report) {
        List<String> lines = List.of(
                "Class: " + name(report),
                "From " + time(report.from()) + " to " + time(report.to()),
                "Attendance rate: %s, trend: %s, students at risk (below %s): %d"
                        .formatted(
                                percent(report.attendanceRate()),
                                report.trend().direction(),
                                percent(report.atRiskBelow()),
                                report.atRisk().size()));
        byte[] chart = report.perSession().isEmpty() ? null : ChartRenderer.png(classChart(report));
        return PdfReport.render("Class attendance report", lines, chart, CLASS_HEADERS, classRows(report.perStudent()));
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

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
