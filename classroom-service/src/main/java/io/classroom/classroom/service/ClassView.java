package io.classroom.classroom.service;

import io.classroom.classroom.SchoolClass;

/** A class as its caller may see it: {@code managed} when the caller teaches it or is an admin (who see its join code). */
public record ClassView(SchoolClass schoolClass, boolean managed) {}
