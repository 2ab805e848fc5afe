package io.classroom.classroom.rest;

import java.util.List;

/** One page of a listing: items, 0-based page number, page size and the total number of items. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {}
