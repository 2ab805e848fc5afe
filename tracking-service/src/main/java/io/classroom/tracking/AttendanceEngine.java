package io.classroom.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attendance rules of a class session, pure and deterministic so the same frames always give the same totals.
 *
 * <ul>
 *   <li>Presence: consecutive sightings of a student (from any source) at most {@code gapToleranceMs} apart count the
 *       time between them as present; a longer gap starts a new presence interval. Time is accumulated per student
 *       on one timeline, so two cameras seeing the student at once count that time once.
 *   <li>Engagement: time present while the smoothed attentiveness is on. It turns on after attentive sightings
 *       (from any source) held for {@code smoothingMs}, and off once no source saw the student attentive for more
 *       than {@code smoothingMs}; one odd frame never flips it.
 *   <li>Webcams: a student's own webcam frame counts for that student only, and only when its largest face verified
 *       against their enrolment; other faces in it are never attributed (not even when they carry an identity) and
 *       flag the owner ("others in frame"). A webcam frame of someone not on the roster changes nothing.
 *   <li>Outages: a stretch longer than {@code sourceGapMs} without any frame from any room camera of the session (at
 *       the start, in the middle or at the end) is excluded from the session's duration, and from the gap between two
 *       sightings of a student, so a camera outage never counts against students. Webcams make no outages: a silent
 *       webcam is its student's absence, and a session seen by webcams only has none.
 *   <li>Frames older than the student's last sighting add no time (their span is already covered). Outages are
 *       kept as runs of frames, so cameras whose frames arrive with different delays still give the same outages.
 *   <li>Lateness counts from the scheduled start when the session has one, else from its actual start.
 * </ul>
 */
public class AttendanceEngine {

    /** Live flag: the student's latest webcam frame showed other faces too. */
    public static final String OTHERS_IN_FRAME = "OTHERS_IN_FRAME";
    /** Live flag: the student's latest webcam frame did not verify as them. */
    public static final String WEBCAM_NOT_VERIFIED = "WEBCAM_NOT_VERIFIED";

    private final AttendanceRules rules;

    public AttendanceEngine(AttendanceRules rules) {
        this.rules = rules;
    }

    public AttendanceRules rules() {
        return rules;
    }

    /**
     * What a frame did: whether it counted for the session at all (a frame that did not changes nothing, not even
     * the frame count), and the roster members whose accumulator changed.
     */
    public record Applied(boolean counted, Set<String> changed) {
        static final Applied NOTHING = new Applied(false, Set.of());
    }

    /** Applies one room-camera frame to the session and its students' accumulators (created on first sighting). */
    public Applied apply(
            ClassSessionState session,
            Map<String, StudentAccumulator> students,
            long capturedAt,
            List<FaceSighting> faces) {
        if (!within(session, capturedAt)) {
            return Applied.NOTHING;
        }
        recordFrame(session, capturedAt);
        // A student recognised twice in one frame is one sighting, attentive if any face of them is.
        Map<String, Boolean> seen = new LinkedHashMap<>();
        Map<String, String> gazes = new LinkedHashMap<>();
        int unknown = 0;
        for (FaceSighting face : faces) {
            if (face.userId() != null && session.roster.contains(face.userId())) {
                seen.merge(face.userId(), face.attentive(), Boolean::logicalOr);
                if (face.gaze() != null) {
                    gazes.putIfAbsent(face.userId(), face.gaze());
                }
            } else {
                unknown++;
            }
        }
        session.unknownFaceObservations += unknown;
        session.maxUnknownFacesInFrame = Math.max(session.maxUnknownFacesInFrame, unknown);
        seen.forEach((userId, attentive) -> {
            StudentAccumulator student = students.computeIfAbsent(userId, StudentAccumulator::new);
            observe(session, student, capturedAt, attentive);
            noteGaze(student, capturedAt, gazes.get(userId));
        });
        return new Applied(true, seen.keySet());
    }

    /**
     * Applies a frame of a student's own webcam: it credits its owner only, and only when it verified as them; other
     * faces flag the owner. A frame of someone not on the roster (or outside the session) changes nothing.
     */
    public Applied applyWebcam(
            ClassSessionState session,
            Map<String, StudentAccumulator> students,
            long capturedAt,
            WebcamSighting frame) {
        if (!within(session, capturedAt) || frame.ownerId() == null || !session.roster.contains(frame.ownerId())) {
            return Applied.NOTHING;
        }
        session.frames++;
        session.webcamFrames++;
        noteFrameTime(session, capturedAt);
        StudentAccumulator student = students.computeIfAbsent(frame.ownerId(), StudentAccumulator::new);
        student.webcamFrames++;
        if (!frame.verified()) {
            student.unverifiedFrames++;
        }
        if (frame.othersInFrame() > 0) {
            student.framesWithOthers++;
        }
        if (student.lastWebcamAt == null || capturedAt >= student.lastWebcamAt) {
            student.lastWebcamAt = capturedAt;
            student.lastWebcamVerified = frame.verified();
            student.lastWebcamOthers = frame.othersInFrame() > 0;
        }
        if (frame.verified()) {
            observe(session, student, capturedAt, frame.attentive());
            noteGaze(student, capturedAt, frame.gaze());
        }
        return new Applied(true, Set.of(frame.ownerId()));
    }

    private static boolean within(ClassSessionState session, long capturedAt) {
        return capturedAt >= session.startedAt && (session.endedAt == null || capturedAt <= session.endedAt);
    }

    private static void noteGaze(StudentAccumulator student, long t, String gaze) {
        if (gaze != null && (student.gazeAt == null || t >= student.gazeAt)) {
            student.gaze = gaze;
            student.gazeAt = t;
        }
    }

    private static void noteFrameTime(ClassSessionState session, long t) {
        session.firstFrameAt = session.firstFrameAt == null ? t : Math.min(session.firstFrameAt, t);
        session.lastFrameAt = session.lastFrameAt == null ? t : Math.max(session.lastFrameAt, t);
    }

    /** A room-camera frame: counted, and part of the runs that tell the outages. */
    private void recordFrame(ClassSessionState session, long t) {
        session.frames++;
        noteFrameTime(session, t);
        long reach = rules.sourceGapMs();
        List<long[]> runs = session.runs;
        int i = 0;
        while (i < runs.size() && runs.get(i)[1] + reach < t) {
            i++;
        }
        if (i == runs.size() || runs.get(i)[0] - reach > t) {
            runs.add(i, new long[] {t, t});
            return;
        }
        long[] run = runs.get(i);
        run[0] = Math.min(run[0], t);
        run[1] = Math.max(run[1], t);
        // a late frame may close the gap to the next run
        while (i + 1 < runs.size() && runs.get(i + 1)[0] - reach <= run[1]) {
            run[1] = Math.max(run[1], runs.get(i + 1)[1]);
            runs.remove(i + 1);
        }
    }

    /**
     * The session's camera outages, as {@code [from, to]} epoch millis: the stretches between runs of room-camera
     * frames, and a stretch before the first one (or, when {@code end} is given, after the last one up to the end)
     * longer than the source gap. With no frame at all, the whole session up to {@code end}; a session seen by
     * webcams only has none.
     */
    public List<long[]> outages(ClassSessionState session, Long end) {
        List<long[]> runs = session.runs;
        List<long[]> gaps = new ArrayList<>();
        if (runs.isEmpty()) {
            if (session.webcamFrames == 0 && end != null && end > session.startedAt) {
                gaps.add(new long[] {session.startedAt, end});
            }
            return gaps;
        }
        long first = runs.get(0)[0];
        if (first - session.startedAt > rules.sourceGapMs()) {
            gaps.add(new long[] {session.startedAt, first});
        }
        for (int i = 1; i < runs.size(); i++) {
            gaps.add(new long[] {runs.get(i - 1)[1], runs.get(i)[0]});
        }
        long last = runs.get(runs.size() - 1)[1];
        if (end != null && end - last > rules.sourceGapMs()) {
            gaps.add(new long[] {last, end});
        }
        return gaps;
    }

    /**
     * Outage time within {@code [from, to]} (see {@link #outages}); with no frame at all, all of it; with webcam
     * frames only, none.
     */
    long uncovered(ClassSessionState session, long from, long to, Long end) {
        if (to <= from) {
            return 0;
        }
        if (session.runs.isEmpty()) {
            return session.webcamFrames == 0 ? to - from : 0;
        }
        long total = 0;
        for (long[] gap : outages(session, end)) {
            total += Math.max(0, Math.min(to, gap[1]) - Math.max(from, gap[0]));
        }
        return total;
    }

    /** Camera outage of the session from its start until {@code end}. */
    public long outageMs(ClassSessionState session, long end) {
        return uncovered(session, session.startedAt, end, end);
    }

    private void observe(ClassSessionState session, StudentAccumulator student, long t, boolean attentive) {
        student.observations++;
        if (student.firstSeen == null) {
            student.firstSeen = t;
            startInterval(student, t, attentive);
        } else if (t <= student.lastSeen) {
            // Same instant from another camera, or a late frame: its span is already counted.
            if (attentive && t == student.lastSeen) {
                student.lastAttentiveAt = t;
            }
            return;
        } else {
            long elapsed = (t - student.lastSeen) - uncovered(session, student.lastSeen, t, null);
            if (elapsed <= rules.gapToleranceMs()) {
                long counted = Math.max(0, elapsed);
                student.presentMs += counted;
                if (student.attentive) {
                    student.engagedMs += counted;
                }
                updateAttention(student, t, attentive);
            } else {
                startInterval(student, t, attentive);
            }
        }
        student.lastSeen = t;
    }

    private void startInterval(StudentAccumulator student, long t, boolean attentive) {
        student.intervals++;
        student.attentive = attentive;
        student.lastAttentiveAt = attentive ? t : null;
        student.attentiveRunStart = attentive ? t : null;
    }

    private void updateAttention(StudentAccumulator student, long t, boolean attentive) {
        if (attentive) {
            if (student.lastAttentiveAt == null || t - student.lastAttentiveAt > rules.smoothingMs()) {
                student.attentiveRunStart = t;
            }
            student.lastAttentiveAt = t;
        }
        if (!student.attentive && attentive && t - student.attentiveRunStart >= rules.smoothingMs()) {
            student.attentive = true;
        } else if (student.attentive
                && (student.lastAttentiveAt == null || t - student.lastAttentiveAt > rules.smoothingMs())) {
            student.attentive = false;
        }
    }

    /**
     * The final attendance of a roster member (student may be null: never seen). PRESENT when engaged time is at
     * least the threshold share of the session's duration without outages; a session with no frame at all gives
     * no evidence, so everybody is ABSENT. Late when first seen more than the grace after the scheduled start (the
     * actual start for a session started by hand), outages discounted.
     */
    public AttendanceOutcome finalizeStudent(ClassSessionState session, StudentAccumulator student, long endedAt) {
        long end = Math.max(endedAt, session.startedAt);
        long effective = end - session.startedAt - outageMs(session, end);
        boolean seen = student != null && student.firstSeen != null;
        long engaged = seen ? student.engagedMs : 0;
        long present = seen ? student.presentMs : 0;
        boolean present75 = effective > 0 && (double) engaged * 100 >= session.thresholdPct * effective;
        long lateFrom = session.scheduledStart == null ? session.startedAt : session.scheduledStart;
        boolean late = seen
                && student.firstSeen - lateFrom - uncovered(session, lateFrom, student.firstSeen, end)
                        > session.lateGraceSeconds * 1000;
        boolean leftEarly =
                seen && (end - student.lastSeen) - uncovered(session, student.lastSeen, end, end) > rules.leftEarlyMs();
        return new AttendanceOutcome(
                student == null ? null : student.userId,
                present / 1000,
                engaged / 1000,
                pct(engaged, effective),
                present75 ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT,
                late,
                leftEarly,
                seen ? Instant.ofEpochMilli(student.firstSeen) : null,
                seen ? Instant.ofEpochMilli(student.lastSeen) : null,
                effective / 1000,
                student == null ? 0 : student.webcamFrames,
                student == null ? 0 : student.framesWithOthers);
    }

    /**
     * The live view of a roster member, judged at the latest frame of the session (event time, not wall clock): with
     * the gaze direction of their latest face and the flags of their latest webcam frame.
     */
    public LiveStudent live(ClassSessionState session, String userId, StudentAccumulator student) {
        if (student == null) {
            return new LiveStudent(userId, false, false, 0, AttendanceStatus.PENDING, null, null, List.of(), 0);
        }
        List<String> flags = new ArrayList<>();
        if (student.lastWebcamAt != null && student.lastWebcamOthers) {
            flags.add(OTHERS_IN_FRAME);
        }
        if (student.lastWebcamAt != null && !student.lastWebcamVerified) {
            flags.add(WEBCAM_NOT_VERIFIED);
        }
        if (student.firstSeen == null || session.lastFrameAt == null) {
            return new LiveStudent(
                    userId, false, false, 0, AttendanceStatus.PENDING, null, null, flags, student.framesWithOthers);
        }
        long now = session.lastFrameAt;
        boolean presentNow = now - student.lastSeen <= rules.gapToleranceMs();
        long effective = now - session.startedAt - uncovered(session, session.startedAt, now, null);
        return new LiveStudent(
                userId,
                presentNow,
                presentNow && student.attentive,
                pct(student.engagedMs, effective),
                AttendanceStatus.PENDING,
                Instant.ofEpochMilli(student.lastSeen),
                student.gaze,
                flags,
                student.framesWithOthers);
    }

    private static double pct(long part, long whole) {
        if (whole <= 0) {
            return 0;
        }
        return Math.min(100, Math.round(part * 10000.0 / whole) / 100.0);
    }
}
