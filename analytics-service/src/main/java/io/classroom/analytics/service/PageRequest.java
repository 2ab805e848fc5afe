package io.classroom.analytics.service;

import io.classroom.analytics.error.Problems;
import java.util.List;

/** A validated page request: {@code page} from 0, {@code size} between 1 and the configured maximum. */
public record PageRequest(int page, int size) {

    public static PageRequest of(String page, String size, int defaultSize, int maxSize) {
        int p = page == null ? 0 : number(page, "page");
        int s = size == null ? Math.min(defaultSize, maxSize) : number(size, "size");
        if (p < 0) {
            throw Problems.badRequest("invalid-page", "'page' must be 0 or more");
        }
        if (s < 1 || s > maxSize) {
            throw Problems.badRequest("invalid-page", "'size' must be between 1 and " + maxSize);
        }
        return new PageRequest(p, s);
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw Problems.badRequest("invalid-page", "'" + name + "' must be a whole number");
        }
    }

    public <T> Paged<T> slice(List<T> all) {
        long first = (long) page * size;
        List<T> items =
                first >= all.size() ? List.of() : all.subList((int) first, (int) Math.min(all.size(), first + size));
        return new Paged<>(items, page, size, all.size());
    }

    /** One page of a list and the size of the whole list. */
    public record Paged<T>(List<T> items, int page, int size, long total) {}
}
