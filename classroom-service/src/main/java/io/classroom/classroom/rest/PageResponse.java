package io.classroom.classroom.rest;

import io.classroom.classroom.service.Page;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a listing: items, 0-based page number, page size and the total number of items. */
public record PageResponse<T>(
        List<T> items,

        @Schema(description = "0-based page number", example = "0")
        int page,

        @Schema(description = "page size", example = "20") int size,

        @Schema(description = "number of items over all pages", example = "42")
        long total) {

    public static <S, T> PageResponse<T> of(Page<S> page, Function<? super S, T> mapper) {
        var mapped = page.map(mapper);
        return new PageResponse<>(mapped.items(), mapped.page(), mapped.size(), mapped.total());
    }
}
