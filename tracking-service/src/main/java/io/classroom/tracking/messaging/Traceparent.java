package io.classroom.tracking.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;

/** W3C {@code traceparent} values, for trace contexts that travel outside OpenTelemetry's own propagation. */
public final class Traceparent {

    private Traceparent() {}

    /** The traceparent of the span in {@code context}, or null when it has none. */
    public static String of(Context context) {
        var span = context == null ? null : Span.fromContext(context).getSpanContext();
        if (span == null || !span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }
}
