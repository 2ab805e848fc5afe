package io.classroom.auth.rest;

import java.util.List;

/** One page of users, sorted by email. */
public record UserPageView(List<UserView> items, int page, int size, long total) {}
