package io.classroom.classroom.service;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: items, 0-based page number, page size and the total number of items. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
