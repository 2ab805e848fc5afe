package io.classroom.classroom.service;

import java.util.List;

/** A room as created or replaced: name, location and the ids of its cameras (null: none). */
public record RoomDetails(String name, String location, List<String> cameraIds) {}
