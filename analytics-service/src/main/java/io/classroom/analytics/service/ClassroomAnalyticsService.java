package io.classroom.analytics.service;

import io.classroom.analytics.AttendanceRecord;
import io.classroom.analytics.CameraCell;
import io.classroom.analytics.EngagementMinute;
import io.classroom.analytics.Observation;
import io.classroom.analytics.RoomSnapshot;
import io.classroom.analytics.TrackedSession;
import io.classroom.analytics.config.AnalyticsConfig;
import io.classroom.analytics.error.Problems;
import io.classroom.analytics.repository.AnnouncedCameraRepository;
import io.classroom.analytics.repository.AttendanceRepository;
import io.classroom.analytics.repository.CameraCellRepository;
import io.classroom.analytics.repository.EngagementMinuteRepository;
import io.classroom.analytics.repository.ObservationRepository;
import io.classroom.analytics.repository.RoomSnapshotRepository;
import io.classroom.analytics.repository.SessionRepository;
import io.classroom.analytics.repository.UserProfileRepository;
import io.classroom.analytics.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Per class session and per class analytics: engagement timeline, attendance tables, term report, camera grid. */
@ApplicationScoped
public class ClassroomAnalyticsService {

    private static final Set<String> ATTENDED = Set.of("PRESENT", "LATE");

    private final SessionRepository sessions;
    private final AttendanceRepository attendance;
    private final ObservationRepository observations;
    private final EngagementMinuteRepository minutes;
    private final CameraCellRepository cells;
    private final UserProfileRepository users;
    private final AnnouncedCameraRepository cameras;
    private final RoomSnapshotRepository snapshots;
    private final AnalyticsConfig config;
    private final Ranges ranges;

    public ClassroomAnalyticsService(
            SessionRepository sessions,
            AttendanceRepository attendance,
            ObservationRepository observations,
            EngagementMinuteRepository minutes,
            CameraCellRepository cells,
            UserProfileRepository users,
            AnnouncedCameraRepository cameras,
            RoomSnapshotRepository snapshots,
            AnalyticsConfig config,
            Ranges ranges) {
        this.sessions = sessions;
        this.attendance = attendance;
        this.observations = observations;
        this.minutes = minutes;
        this.cells = cells;
        this.users = users;
        this.cameras = cameras;
        this.snapshots = snapshots;
        this.config = config;
        this.ranges = ranges;
    }

    /** The class session if the caller may see it: 404 outside the tenant, 403 for a teacher of other classes. */
    private Uni<TrackedSession> visibleSession(Caller caller, String sessionId, boolean studentsAllowed) {
        return sessions.findClassSession(caller.tenantId(), sessionId).map(session -> {
            if (session == null) {
                throw Problems.notFound("No class session " + sessionId);
            }
            if (caller.isTeacher() && !caller.userId().equals(session.ownerId)) {
                throw Problems.forbidden("Teachers see the sessions of their classes only");
            }
            if (caller.isStudent()
                    && (!studentsAllowed || session.userIds == null || !session.userIds.contains(caller.userId()))) {
                throw Problems.forbidden("Students see their own attendance only");
            }
            return session;
        });
    }

    /** Per minute: the share of detected faces that were attentive, and the unknown faces. */
    public Uni<Timeline> timeline(Caller caller, String sessionId) {
        return visibleSession(caller, sessionId, false)
                .chain(session ->
                        minutes.bySession(caller.tenantId(), sessionId).map(rows -> timeline(session, rows)));
    }

    static Timeline timeline(TrackedSession session, List<EngagementMinute> rows) {
        List<MinutePoint> points = new ArrayList<>(rows.size());
        long faces = 0;
        long attentive = 0;
        long unknown = 0;
        long maxUnknown = 0;
        for (EngagementMinute row : rows) {
            points.add(new MinutePoint(
                    row.minute,
                    row.frames,
                    row.faces,
                    row.attentive,
                    share(row.attentive, row.faces),
                    row.unknown,
                    row.maxUnknown));
            faces += row.faces;
            attentive += row.attentive;
            unknown += row.unknown;
            maxUnknown = Math.max(maxUnknown, row.maxUnknown);
        }
        return new Timeline(
                session.sessionId,
                session.classId,
                session.className,
                session.startedAt,
                session.endedAt,
                share(attentive, faces),
                new UnknownFaces(unknown, maxUnknown),
                points);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /**
     * The attendance report of a session, rows sorted by name; students get their own row only. Times are for the
     * class's zone (else the tenant's, else the default), and the profile comes from the raw frames.
     */
    public Uni<SessionAttendance> sessionAttendance(Caller caller, String sessionId) {
        return visibleSession(caller, sessionId, true)
                .chain(session -> attendance
                        .bySession(caller.tenantId(), sessionId, caller.isStudent() ? caller.userId() : null)
                        .chain(rows -> withNames(caller.tenantId(), rows))
                        .map(rows -> rows.stream().sorted(BY_NAME).toList())
                        .chain(rows -> Uni.combine()
                                .all()
                                .unis(
                                        minutes.bySession(caller.tenantId(), sessionId),
                                        observations.bySession(caller.tenantId(), sessionId))
                                .with((minuteRows, frames) -> {
                                    long attended = rows.stream()
                                            .filter(r -> ATTENDED.contains(r.status()))
                                            .count();
                                    var summary = new AttendanceSummary(
                                            rows.size(),
                                            attended,
                                            rows.stream()
                                                    .filter(r -> "ABSENT".equals(r.status()))
                                                    .count(),
                                            rows.stream()
                                                    .filter(AttendanceRow::late)
                                                    .count(),
                                            share(attended, rows.size()),
                                            rows.stream()
                                                    .mapToDouble(AttendanceRow::engagementPct)
                                                    .average()
                                                    .orElse(0));
                                    // Students do not see class-wide figures.
                                    var timeline = caller.isStudent() ? null : timeline(session, minuteRows);
                                    var end = sessionEnd(session, frames);
                                    return new SessionAttendance(
                                            session.sessionId,
                                            session.classId,
                                            session.className,
                                            session.startedAt,
                                            session.endedAt,
                                            session.attendanceThreshold,
                                            zoneOf(session).getId(),
                                            summary,
                                            timeline,
                                            StudentTimelines.of(
                                                    session.startedAt, end, frames, rows, !caller.isStudent()),
                                            rows);
                                })));
    }

    private static final Comparator<AttendanceRow> BY_NAME = Comparator.comparing(
                    (AttendanceRow r) -> r.displayName() == null ? "" : r.displayName(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(AttendanceRow::userId);

    /** The session's end; while it runs, its latest frame (or its start). */
    private static Instant sessionEnd(TrackedSession session, List<Observation> frames) {
        if (session.endedAt != null) {
            return session.endedAt;
        }
        var last = frames.isEmpty() ? session.startedAt : frames.get(frames.size() - 1).capturedAt;
        return last.isAfter(session.startedAt) ? last.plusSeconds(1) : session.startedAt.plusSeconds(1);
    }

    /** The class's zone when the session carries a valid one, else the tenant's, else the default. */
    ZoneId zoneOf(TrackedSession session) {
        if (session.timeZone != null) {
            try {
                return ZoneId.of(session.timeZone);
            } catch (DateTimeException e) {
                // an unknown id from the event: fall back like a session without one
            }
        }
        return ranges.tenantZone(session.tenantId);
    }

    private Uni<List<AttendanceRow>> withNames(String tenantId, List<AttendanceRecord> records) {
        Set<String> ids = new TreeSet<>();
        records.forEach(r -> ids.add(r.userId));
        return users.names(tenantId, ids)
                .map(names -> records.stream()
                        .map(r -> new AttendanceRow(
                                r.userId,
                                names.get(r.userId),
                                r.sessionId,
                                r.sessionStartedAt,
                                r.status,
                                r.presentSeconds,
                                r.engagedSeconds,
                                r.engagementPct,
                                r.late,
                                r.leftEarly,
                                r.firstSeenAt,
                                r.lastSeenAt,
                                r.finalized))
                        .toList());
    }

    /** Attendance of a class over a range: per student and per session rates, trend and students at risk. */
    public Uni<ClassReport> classReport(Caller caller, String classId, TimeRange range, Double atRiskBelow) {
        double threshold = atRiskBelow != null ? atRiskBelow : config.atRiskRate();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw Problems.badRequest("invalid-rate", "'atRiskBelow' must be between 0 and 1");
        }
        // Admins: every class of the tenant; teachers: the classes they teach; students: the classes they attend.
        Uni<Boolean> visible = caller.isAdmin()
                ? Uni.createFrom().item(true)
                : caller.isTeacher()
                        ? sessions.teachesClass(caller.tenantId(), caller.userId(), classId)
                        : sessions.attendsClass(caller.tenantId(), caller.userId(), classId);
        return sessions.hasClassSessions(caller.tenantId(), classId)
                .chain(exists -> {
                    if (!exists) {
                        throw Problems.notFound("No class " + classId);
                    }
                    return visible;
                })
                .chain(allowed -> {
                    if (!allowed) {
                        throw Problems.forbidden("Teachers see the classes they teach, students those they attend");
                    }
                    String onlyUser = caller.isStudent() ? caller.userId() : null;
                    return sessions.classSessions(caller.tenantId(), classId, range.from(), range.to())
                            .chain(classSessions -> attendance
                                    .byClass(caller.tenantId(), classId, range.from(), range.to(), onlyUser)
                                    .chain(records -> withNames(caller.tenantId(), records))
                                    .map(rows -> report(
                                            classId, range, threshold, classSessions, rows, caller.isStudent())));
                });
    }

    static ClassReport report(
            String classId,
            TimeRange range,
            double threshold,
            List<TrackedSession> classSessions,
            List<AttendanceRow> rows,
            boolean ownRowOnly) {
        String className = classSessions.isEmpty() ? null : classSessions.get(classSessions.size() - 1).className;
        // Pending rows (a session still running) do not count yet.
        List<AttendanceRow> counted =
                rows.stream().filter(r -> !"PENDING".equals(r.status())).toList();

        Map<String, long[]> bySession = new LinkedHashMap<>();
        Map<String, Instant> sessionStart = new LinkedHashMap<>();
        for (TrackedSession session : classSessions) {
            bySession.put(session.sessionId, new long[2]);
            sessionStart.put(session.sessionId, session.startedAt);
        }
        Map<String, long[]> byStudent = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (AttendanceRow row : counted) {
            long attended = ATTENDED.contains(row.status()) ? 1 : 0;
            long[] s = bySession.computeIfAbsent(row.sessionId(), k -> new long[2]);
            sessionStart.putIfAbsent(row.sessionId(), row.sessionStartedAt());
            s[0]++;
            s[1] += attended;
            long[] st = byStudent.computeIfAbsent(row.userId(), k -> new long[3]);
            st[0]++;
            st[1] += attended;
            st[2] += row.late() ? 1 : 0;
            if (row.displayName() != null) {
                names.put(row.userId(), row.displayName());
            }
        }
        List<SessionRate> perSession = new ArrayList<>();
        if (!ownRowOnly) {
            bySession.forEach((sessionId, c) -> {
                if (c[0] > 0) {
                    perSession.add(
                            new SessionRate(sessionId, sessionStart.get(sessionId), c[0], c[1], share(c[1], c[0])));
                }
            });
            perSession.sort(
                    Comparator.comparing(SessionRate::startedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        }
        List<StudentRate> perStudent = new ArrayList<>();
        byStudent.forEach((userId, c) -> {
            double rate = share(c[1], c[0]);
            perStudent.add(new StudentRate(userId, names.get(userId), c[0], c[1], c[2], rate, rate < threshold));
        });
        perStudent.sort(Comparator.comparingDouble(StudentRate::rate).thenComparing(StudentRate::userId));
        List<StudentRate> atRisk =
                perStudent.stream().filter(StudentRate::atRisk).toList();
        return new ClassReport(
                classId,
                className,
                range.from(),
                range.to(),
                range.zone().getId(),
                threshold,
                share(
                        counted.stream()
                                .filter(r -> ATTENDED.contains(r.status()))
                                .count(),
                        counted.size()),
                Trend.of(perSession.stream().mapToDouble(SessionRate::rate).toArray()),
                perSession,
                perStudent,
                atRisk);
    }

    /**
     * Faces per cell of a camera's frame grid and how attentive they were there, with the names of the camera, room and
     * class, and (for one session) the room's snapshot to draw it over.
     */
    public Uni<CameraHeatmapPicture> cameraHeatmap(Caller caller, String cameraId, String sessionId) {
        Uni<TrackedSession> session;
        if (sessionId != null) {
            session = visibleSession(caller, sessionId, false);
        } else if (caller.isAdmin()) {
            session = Uni.createFrom().nullItem();
        } else {
            throw Problems.forbidden("Teachers must name one of their sessions ('sessionId')");
        }
        String tenant = caller.tenantId();
        return session.chain(s -> cells.cells(tenant, cameraId, s == null ? null : List.of(sessionId))
                .invoke(found -> {
                    if (found.isEmpty() && sessionId == null) {
                        throw Problems.notFound("No observations of camera " + cameraId);
                    }
                })
                .chain(found -> cameras.find(tenant, cameraId)
                        .chain(camera -> (s == null
                                        ? Uni.createFrom().<RoomSnapshot>nullItem()
                                        : snapshots.find(tenant, sessionId, cameraId))
                                .map(background -> new CameraHeatmapPicture(
                                        cameraHeatmap(
                                                new CameraNames(
                                                        cameraId,
                                                        camera == null ? null : camera.name,
                                                        s == null ? null : s.roomName,
                                                        s == null ? null : s.className),
                                                sessionId,
                                                config.gridColumns(),
                                                config.gridRows(),
                                                found,
                                                background != null),
                                        background)))));
    }

    /** What a camera heatmap is titled with. */
    record CameraNames(String cameraId, String cameraName, String roomName, String className) {}

    static CameraHeatmap cameraHeatmap(
            CameraNames names, String sessionId, int columns, int rows, List<CameraCell> found, boolean roomSnapshot) {
        long[][] faces = new long[rows][columns];
        long[][] attentive = new long[rows][columns];
        long total = 0;
        for (CameraCell cell : found) {
            if (cell.row < rows && cell.column < columns) {
                faces[cell.row][cell.column] += cell.faces;
                attentive[cell.row][cell.column] += cell.attentive;
                total += cell.faces;
            }
        }
        List<GridCell> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (faces[r][c] > 0) {
                    out.add(new GridCell(c, r, faces[r][c], attentive[r][c], share(attentive[r][c], faces[r][c])));
                }
            }
        }
        return new CameraHeatmap(
                names.cameraId(),
                names.cameraName(),
                names.roomName(),
                names.className(),
                sessionId,
                columns,
                rows,
                total,
                roomSnapshot,
                out);
    }

    /** Engagement of a class session per minute. */
    public record Timeline(
            @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
            String sessionId,

            @Schema(example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f")
            String classId,

            @Schema(example = "Physics 101") String className,
            @Schema(example = "2026-09-01T08:00:00Z") Instant startedAt,

            @Schema(description = "null while the session runs", example = "2026-09-01T08:45:00Z")
            Instant endedAt,

            @Schema(description = "attentive faces over all faces detected, 0 to 1", example = "0.78")
            double averageAttentiveShare,

            UnknownFaces unknownFaces,
            List<MinutePoint> minutes) {}

    /** One minute: frames analysed, faces seen, attentive ones and their share, unknown faces. */
    public record MinutePoint(
            @Schema(description = "start of the minute", example = "2026-09-01T08:05:00Z")
            Instant minute,

            @Schema(example = "12") long frames,
            @Schema(example = "264") long faces,
            @Schema(example = "211") long attentive,

            @Schema(description = "attentive over faces, 0 to 1", example = "0.8")
            double attentiveShare,

            @Schema(example = "3") long unknownFaces,
            @Schema(example = "1") long maxUnknownInAFrame) {}

    /** Unrecognised faces: face observations in all frames and the most in one frame. */
    public record UnknownFaces(
            @Schema(example = "27") long observations,
            @Schema(example = "2") long maxInOneFrame) {}

    /** One student's attendance in one session. */
    public record AttendanceRow(
            @Schema(example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b")
            String userId,

            @Schema(example = "Ada Lovelace") String displayName,

            @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
            String sessionId,

            @Schema(example = "2026-09-01T08:00:00Z") Instant sessionStartedAt,

            @Schema(description = "PENDING while the session runs, then PRESENT or ABSENT", example = "PRESENT")
            String status,

            @Schema(example = "2460") long presentSeconds,
            @Schema(example = "2050") long engagedSeconds,

            @Schema(description = "percent of the present time spent engaged", example = "83.3")
            double engagementPct,

            @Schema(example = "false") boolean late,
            @Schema(example = "false") boolean leftEarly,
            @Schema(example = "2026-09-01T08:03:10Z") Instant firstSeenAt,
            @Schema(example = "2026-09-01T08:44:50Z") Instant lastSeenAt,

            @Schema(description = "true once tracking-service finalized the session", example = "true")
            boolean finalized) {}

    /** Counts of a session's attendance table and the students' mean engagement (percent). */
    public record AttendanceSummary(
            @Schema(example = "24") long students,

            @Schema(description = "present, late ones included", example = "22")
            long attended,

            @Schema(example = "2") long absent,
            @Schema(example = "3") long late,

            @Schema(description = "attended over students, 0 to 1", example = "0.92")
            double attendanceRate,

            @Schema(example = "76.4") double averageEngagementPct) {}

    /** A session's attendance report. */
    public record SessionAttendance(
            @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
            String sessionId,

            @Schema(example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f")
            String classId,

            @Schema(example = "Physics 101") String className,
            @Schema(example = "2026-09-01T08:00:00Z") Instant startedAt,

            @Schema(description = "null while the session runs", example = "2026-09-01T08:45:00Z")
            Instant endedAt,

            @Schema(description = "percent of engaged time for PRESENT", example = "75")
            Integer attendanceThreshold,

            @Schema(description = "IANA time zone of the report's times", example = "Europe/Paris")
            String timeZone,

            AttendanceSummary summary,
            @Schema(description = "null for students") Timeline timeline,
            SessionProfile profile,
            List<AttendanceRow> rows) {}

    /**
     * When each student was seen and seen attentive, in buckets of {@code bucketSeconds}; the class's attentive share
     * per minute of the session (null for students). Empty once the raw frames have expired.
     */
    public record SessionProfile(
            @Schema(
                    description = "the end of the span the buckets cover: the session's end, or while it runs"
                            + " just after its latest frame",
                    example = "2026-09-01T08:45:00Z")
            Instant until,

            @Schema(example = "60") int bucketSeconds,
            List<StudentTimeline> students,
            @Schema(example = "[0.82, 0.79, 0.85]") List<Double> attentiveSharePerMinute) {}

    /** One student's bands over the session, in time order. */
    public record StudentTimeline(
            @Schema(example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b")
            String userId,

            @Schema(example = "Ada Lovelace") String displayName,
            List<Band> bands) {}

    /** A stretch of a session in which a student was seen ({@link #PRESENT}) or seen attentive ({@link #ATTENTIVE}). */
    public record Band(
            @Schema(example = "2026-09-01T08:03:00Z") Instant from,
            @Schema(example = "2026-09-01T08:21:00Z") Instant to,

            @Schema(description = "PRESENT or ATTENTIVE", example = "ATTENTIVE")
            String state) {
        public static final String PRESENT = "PRESENT";
        public static final String ATTENTIVE = "ATTENTIVE";
    }

    /** Attendance rate of one session. */
    public record SessionRate(
            @Schema(example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
            String sessionId,

            @Schema(example = "2026-09-01T08:00:00Z") Instant startedAt,
            @Schema(example = "24") long students,
            @Schema(example = "22") long attended,

            @Schema(description = "attended over students, 0 to 1", example = "0.92")
            double rate) {}

    /** Attendance rate of one student over the range. */
    public record StudentRate(
            @Schema(example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b")
            String userId,

            @Schema(example = "Ada Lovelace") String displayName,
            @Schema(example = "30") long sessions,
            @Schema(example = "27") long attended,
            @Schema(example = "2") long late,

            @Schema(description = "attended over sessions, 0 to 1", example = "0.9")
            double rate,

            @Schema(example = "false") boolean atRisk) {}

    /** A class's attendance over a range. */
    public record ClassReport(
            String classId,
            String className,
            Instant from,
            Instant to,
            String timeZone,
            double atRiskBelow,
            double attendanceRate,
            Trend trend,
            List<SessionRate> perSession,
            List<StudentRate> perStudent,
            List<StudentRate> atRisk) {}

    /**
     * A camera's spatial grid; cells without faces are left out. A face counts once per analysed frame it is in, in the
     * cell of its box centre.
     */
    public record CameraHeatmap(
            @Schema(example = "2f7c9d1e-4a6b-4c8d-9e0f-1a2b3c4d5e6f")
            String cameraId,

            @Schema(
                    description = "as camera-ingest last announced it; null before its first class session",
                    example = "Front of room 204")
            String cameraName,

            @Schema(description = "the session's room when it started; null over all sessions", example = "Room 204")
            String roomName,

            @Schema(description = "the session's class; null over all sessions", example = "Physics 101")
            String className,

            @Schema(description = "null: over all sessions", example = "7c9e6679-7425-40de-944b-e07fc1f90ae7")
            String sessionId,

            @Schema(example = "16") int columns,
            @Schema(example = "9") int rows,

            @Schema(description = "face detections over all cells (one per face per analysed frame)", example = "5120")
            long faces,

            @Schema(
                    description = "whether the PNG and SVG are drawn over a snapshot of the room taken when the session"
                            + " started (blurred, so that no one can be recognised; kept as long as the session's raw"
                            + " frames)",
                    example = "true")
            boolean roomSnapshot,

            List<GridCell> cells) {}

    /** A camera heatmap and the room snapshot it is drawn over (null: none). */
    public record CameraHeatmapPicture(CameraHeatmap heatmap, RoomSnapshot background) {}

    /** One grid cell: faces whose box centre fell in it and the attentive share. */
    public record GridCell(
            @Schema(description = "0-based, from the left", example = "3")
            int column,

            @Schema(description = "0-based, from the top", example = "2")
            int row,

            @Schema(description = "face detections whose box centre fell in the cell", example = "140")
            long faces,

            @Schema(description = "those of them judged attentive", example = "112")
            long attentive,

            @Schema(description = "attentive over faces, 0 to 1", example = "0.8")
            double attentiveShare) {}
}
