package io.classroom.classroom.rest;

import io.classroom.classroom.service.Page;
import java.util.List;
import java.util.function.Function;

/** One page of a listing: items, 0-based page number, page size and the total number of items. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static <S, T> PageResponse<T> of(Page<S> page, Function<? super S, T> mapper) {
        var mapped = page.map(mapper);
        return new PageResponse<>(mapped.items(), mapped.page(), mapped.size(), mapped.total());
    }
}
