package io.classroom.ingest.stream;

import io.classroom.ingest.Frame;
import java.util.concurrent.CompletionStage;

/** Where stream workers hand their frames (Kafka in the service). */
@FunctionalInterface
public interface FrameSink {
    /** Completes when the frame is stored by the broker, exceptionally when it is lost. */
    CompletionStage<Void> publish(Frame frame);
}
