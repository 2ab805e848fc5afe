package io.classroom.classroom.service;

import io.classroom.classroom.Caller;
import io.classroom.classroom.Problems;
import io.classroom.classroom.Room;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.RoomRepository;
import io.classroom.classroom.rest.PageResponse;
import io.classroom.classroom.rest.RoomRequest;
import io.classroom.classroom.rest.RoomResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.UUID;

/** Rooms of a tenant and their camera ids. */
@ApplicationScoped
public class RoomService {

    private final RoomRepository rooms;
    private final ClassRepository classes;

    public RoomService(RoomRepository rooms, ClassRepository classes) {
        this.rooms = rooms;
        this.classes = classes;
    }

    public Uni<RoomResponse> create(Caller caller, RoomRequest request) {
        var now = Clock.now();
        var room = new Room();
        room.id = UUID.randomUUID().toString();
        room.tenantId = caller.tenantId();
        room.createdAt = now;
        apply(room, request);
        return rooms.persist(room).map(RoomResponse::of);
    }

    public Uni<PageResponse<RoomResponse>> list(Caller caller, int page, int size) {
        return rooms.count(caller.tenantId())
                .chain(total -> rooms.list(caller.tenantId(), page, size)
                        .map(list -> new PageResponse<>(
                                list.stream().map(RoomResponse::of).toList(), page, size, total)));
    }

    public Uni<RoomResponse> get(Caller caller, String id) {
        return find(caller, id).map(RoomResponse::of);
    }

    public Uni<RoomResponse> update(Caller caller, String id, RoomRequest request) {
        return find(caller, id)
                .invoke(room -> apply(room, request))
                .call(rooms::update)
                .map(RoomResponse::of);
    }

    /** Classes that used the room as default room fall back to none (sessions then have no cameras). */
    public Uni<Void> delete(Caller caller, String id) {
        return rooms.deleteInTenant(caller.tenantId(), id)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw Problems.notFound("room", id);
                    }
                })
                .chain(() -> classes.clearDefaultRoom(caller.tenantId(), id));
    }

    private Uni<Room> find(Caller caller, String id) {
        return rooms.findInTenant(caller.tenantId(), id)
                .onItem()
                .ifNull()
                .failWith(() -> Problems.notFound("room", id));
    }

    private static void apply(Room room, RoomRequest request) {
        room.name = request.name().strip();
        room.location = request.location();
        room.cameraIds = request.cameraIds() == null
                ? new ArrayList<>()
                : new ArrayList<>(new LinkedHashSet<>(request.cameraIds()));
        room.updatedAt = Clock.now();
    }
}
