package io.classroom.classroom;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

/** When a class takes place: a local start time in an IANA zone, a duration and optional weekly days. */
public class Schedule {

    /** Local time, ISO format {@code HH:mm}. */
    public String startTime;

    public int durationMinutes;
    public List<DayOfWeek> days = new ArrayList<>();
    public String timeZone;
}
