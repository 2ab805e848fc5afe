package io.classroom.classroom.service;

import io.classroom.classroom.OutboxEntry;
import io.classroom.classroom.messaging.ClassSessionEnded;
import io.classroom.classroom.messaging.ClassSessionEvent;
import io.classroom.classroom.messaging.ClassSessionStarted;
import io.classroom.classroom.messaging.Outbox;
import io.classroom.classroom.repository.ClassSessionRepository;
import io.classroom.classroom.repository.ClassSessionRepository.LegacyUnsent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Upgrade from the version before the outbox array, which flagged a session's events as sent or not
 * ({@code startEventSent}, {@code endEventSent}, with their event ids). At start, every session with an event Kafka
 * never acknowledged gets that event in its outbox, with its original event id (consumers dedupe it if it did arrive),
 * and the flags go; the relay's timer then publishes it. Once every deployment has started this version, nothing is
 * left to convert.
 */
@ApplicationScoped
public class LegacyOutboxConversion {

    private final ClassSessionRepository sessions;
    private final Outbox outbox;

    public LegacyOutboxConversion(ClassSessionRepository sessions, Outbox outbox) {
        this.sessions = sessions;
        this.outbox = outbox;
    }

    void onStart(@Observes StartupEvent event) {
        int converted = convert().await().atMost(Duration.ofSeconds(60));
        if (converted > 0) {
            Log.infof("Moved the unsent events of %d session(s) of the previous version into their outbox", converted);
        }
    }

    /** The item is the number of sessions converted by this call. */
    Uni<Integer> convert() {
        return sessions.findLegacyUnsent()
                .onItem()
                .transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem()
                .transformToUniAndConcatenate(this::convert)
                .collect()
                .with(Collectors.summingInt(Integer::intValue))
                .call(sessions::dropSentLegacyFlags);
    }

    private Uni<Integer> convert(LegacyUnsent legacy) {
        return sessions.findById(legacy.id()).chain(s -> {
            var entries = new ArrayList<OutboxEntry>();
            if (legacy.startEventId() != null) {
                entries.add(announce(ClassSessionStarted.of(UUID.fromString(legacy.startEventId()), s)));
            }
            if (legacy.endEventId() != null) {
                entries.add(announce(
                        ClassSessionEnded.of(UUID.fromString(legacy.endEventId()), s, s.endedAt, s.endReason)));
            }
            return sessions.convertLegacy(s.id, entries).map(converted -> converted ? 1 : 0);
        });
    }

    private OutboxEntry announce(ClassSessionEvent event) {
        return outbox.entry(ClassSessionEvent.TOPIC, event.classId(), event);
    }
}
