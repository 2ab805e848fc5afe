package io.classroom.classroom.service;

import io.classroom.classroom.SchoolClass;
import io.classroom.classroom.security.Caller;

/** Who may do what with a class: the object-level rules behind every class and session operation. */
final class ClassAccess {

    private ClassAccess() {}

    /** Admins manage every class of their tenant, teachers the classes they teach. */
    static boolean manages(Caller caller, SchoolClass schoolClass) {
        return caller.isAdmin() || (caller.isTeacher() && schoolClass.isTaughtBy(caller.userId()));
    }

    /** Whoever manages a class or is enrolled in it may see it. */
    static boolean sees(Caller caller, SchoolClass schoolClass) {
        return manages(caller, schoolClass) || schoolClass.hasStudent(caller.userId());
    }
}
