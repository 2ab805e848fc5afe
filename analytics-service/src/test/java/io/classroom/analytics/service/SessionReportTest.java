package io.classroom.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.analytics.Observation;
import io.classroom.analytics.render.ImageAssertions;
import io.classroom.analytics.service.ClassroomAnalyticsService.AttendanceRow;
import io.classroom.analytics.service.ClassroomAnalyticsService.AttendanceSummary;
import io.classroom.analytics.service.ClassroomAnalyticsService.Band;
import io.classroom.analytics.service.ClassroomAnalyticsService.SessionAttendance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The session PDF as a teacher reads it (issue 17, item 1), checked on its extracted text; its pages are also rendered
 * to {@code target/reports/} for a look.
 */
class SessionReportTest {

    /** 09:00:00 in Paris (UTC+1 in December). */
    private static final Instant START = Instant.parse("2026-12-07T08:00:00Z");

    private static final Instant END = START.plusSeconds(120);
    private static final String[] NAMES = {
        "rose_leslie", "Biden", "obama", "kit_harington", "alex_lacamoire", "lin_manuel_miranda", "rob_lowe"
    };

    @Test
    void namesInOrderHumanTitlesLocalTimesNoIdsAndOnePage() throws IOException {
        var report = report(NAMES.length);

        byte[] pdf = Reports.sessionPdf(report);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            render(document, "session-7");
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Attendance: Biology 9B")
                    .contains("Mon 7 Dec 2026, 09:00 to 09:02 (Europe/Paris), 2.0 min")
                    .contains("7 students: 4 present, 3 absent, 1 late. Average engagement")
                    .contains("at least 75 % of the session")
                    .contains("Student", "Status", "Present", "Engaged", "Engagement", "Late", "Left early")
                    .contains("First seen", "Last seen")
                    .contains("1.5 min", "88 %", "09:00:05")
                    .contains("Times in Europe/Paris.")
                    .doesNotContain("presentSeconds", "engagementPct", "firstSeenAt", "userId", "2026-12-07T");
            assertThat(text).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            var order = List.of(
                    "alex_lacamoire",
                    "Biden",
                    "kit_harington",
                    "lin_manuel_miranda",
                    "obama",
                    "rob_lowe",
                    "rose_leslie");
            int at = -1;
            for (var name : order) {
                int next = text.indexOf(name + " ", at + 1);
                assertThat(next).as("%s after the name before it", name).isGreaterThan(at);
                at = next;
            }
        }
        ImageAssertions.assertRealPdf(pdf, true, "Attendance: Biology 9B");
    }

    @Test
    void aTwoMinuteSessionHasTwoMinuteBars() {
        var profile = report(NAMES.length).profile();

        assertThat(profile.attentiveSharePerMinute()).hasSize(2);
        assertThat(profile.students()).hasSize(NAMES.length);
    }

    @Test
    void aRosterThatFitsOnAPageIsNeverSplitOverTwo() throws IOException {
        var report = report(25);

        try (PDDocument document = Loader.loadPDF(Reports.sessionPdf(report))) {
            render(document, "session-25");
            var stripper = new PDFTextStripper();
            int pagesWithRows = 0;
            for (int page = 1; page <= document.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                pagesWithRows += stripper.getText(document).contains("Left early") ? 1 : 0;
            }
            assertThat(pagesWithRows).as("pages holding the table").isEqualTo(1);
        }
    }

    @Test
    void aStudentsOwnReportHasNoClassWideFigures() {
        var rows = List.of(row("obama", "PRESENT", 100, 88, false));
        var profile = StudentTimelines.of(START, END, frames(rows), rows, false);

        assertThat(profile.attentiveSharePerMinute()).isNull();
        assertThat(profile.students())
                .singleElement()
                .satisfies(s -> assertThat(s.bands()).isNotEmpty());
    }

    @Test
    void bandsMergeBucketsAndFollowTheMajorityOfSightings() {
        var ada = row("ada", "PRESENT", 60, 30, false);
        var frames = new ArrayList<Observation>();
        for (int second = 0; second < 60; second++) {
            // attentive for the first 30 s, then seen looking away; not seen after 60 s
            frames.add(frame(START.plusSeconds(second), ada.userId(), second < 30));
        }

        var bands = StudentTimelines.of(START, END, frames, List.of(ada), true)
                .students()
                .get(0)
                .bands();

        assertThat(bands)
                .containsExactly(
                        new Band(START, START.plusSeconds(30), Band.ATTENTIVE),
                        new Band(START.plusSeconds(30), START.plusSeconds(60), Band.PRESENT));
    }

    @Test
    void aFrameInTheLastFractionOfASessionFallsInItsLastBucketAndMinute() {
        var ada = row("ada", "PRESENT", 60, 100, false);
        var end = START.plusMillis(60_400);
        var frames = List.of(frame(START.plusMillis(60_200), ada.userId(), true));

        var profile = StudentTimelines.of(START, end, frames, List.of(ada), true);

        assertThat(profile.attentiveSharePerMinute()).containsExactly(0.0, 1.0);
        assertThat(profile.students().get(0).bands())
                .singleElement()
                .satisfies(band -> assertThat(band.to()).isEqualTo(end));
    }

    private static SessionAttendance report(int students) {
        var rows = new ArrayList<AttendanceRow>();
        for (int i = 0; i < students; i++) {
            String name = i < NAMES.length ? NAMES[i] : "student_%02d".formatted(i);
            boolean present = i % 2 == 1 || i == 0 || i == 4;
            rows.add(row(name, present && i < 5 ? "PRESENT" : "ABSENT", present ? 90 : 40, present ? 88 : 30, i == 0));
        }
        var sorted = rows.stream()
                .sorted((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()))
                .toList();
        long attended = rows.stream().filter(r -> r.status().equals("PRESENT")).count();
        var summary = new AttendanceSummary(
                rows.size(), attended, rows.size() - attended, 1, (double) attended / rows.size(), 61);
        return new SessionAttendance(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                "Biology 9B",
                START,
                END,
                75,
                "Europe/Paris",
                summary,
                null,
                StudentTimelines.of(START, END, frames(sorted), sorted, true),
                sorted);
    }

    private static AttendanceRow row(
            String name, String status, long presentSeconds, double engagementPct, boolean late) {
        return new AttendanceRow(
                UUID.randomUUID().toString(),
                name,
                "session",
                START,
                status,
                presentSeconds,
                Math.round(presentSeconds * engagementPct / 100),
                engagementPct,
                late,
                false,
                START.plusSeconds(5),
                START.plusSeconds(5 + presentSeconds),
                true);
    }

    /** One frame a second in which each student is seen from their first to their last sighting. */
    private static List<Observation> frames(List<AttendanceRow> rows) {
        var frames = new ArrayList<Observation>();
        for (int second = 0; second < 120; second++) {
            var frame = frame(START.plusSeconds(second), null, false);
            frame.faces.clear();
            for (var row : rows) {
                var at = START.plusSeconds(second);
                if (!at.isBefore(row.firstSeenAt()) && at.isBefore(row.lastSeenAt())) {
                    var face = new Observation.Face();
                    face.userId = row.userId();
                    face.attentive = (second / 10) % 4 != 3;
                    frame.faces.add(face);
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    private static Observation frame(Instant at, String userId, boolean attentive) {
        var frame = new Observation();
        frame.capturedAt = at;
        frame.faces = new ArrayList<>();
        var face = new Observation.Face();
        face.userId = userId;
        face.attentive = attentive;
        frame.faces.add(face);
        return frame;
    }

    private static void render(PDDocument document, String name) throws IOException {
        var dir = Path.of("target", "reports");
        Files.createDirectories(dir);
        var renderer = new PDFRenderer(document);
        for (int page = 0; page < document.getNumberOfPages(); page++) {
            ImageIO.write(
                    renderer.renderImageWithDPI(page, 100),
                    "png",
                    dir.resolve(name + "-p" + (page + 1) + ".png").toFile());
        }
    }
}
