package io.classroom.analytics.rest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/** Turns a view into the chosen representation; images and documents are drawn on a worker thread. */
final class Rendering {
    private Rendering() {}

    static <T> Uni<Response> respond(Uni<T> view, Format format, String fileName, Function<T, Object> entity) {
        Uni<T> ready = format == Format.JSON ? view : view.emitOn(Infrastructure.getDefaultWorkerPool());
        return ready.map(value -> {
            var response = Response.ok(entity.apply(value), format.mediaType);
            if (format == Format.CSV || format == Format.PDF) {
                response.header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"%s.%s\""
                                .formatted(fileName, format.name().toLowerCase()));
            }
            return response.build();
        });
    }
}
