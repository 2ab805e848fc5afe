package io.classroom.classroom.service;

import io.classroom.classroom.Room;
import io.classroom.classroom.error.Problems;
import io.classroom.classroom.repository.ClassRepository;
import io.classroom.classroom.repository.RoomRepository;
import io.classroom.classroom.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * Rooms of a tenant and their camera ids. The camera ids decide which cameras a session films (and holds), so only
 * the tenant's admins create, change or delete rooms; teachers and admins read them (a teacher picks the room of an
 * activation); students do not. Another tenant's room is 404, a refused change of a known room 403.
 */
@ApplicationScoped
public class RoomService {

    private final RoomRepository rooms;
    private final ClassRepository classes;
    private final Clock clock;

    public RoomService(RoomRepository rooms, ClassRepository classes, Clock clock) {
        this.rooms = rooms;
        this.classes = classes;
        this.clock = clock;
    }

    public Uni<Room> create(Caller caller, RoomDetails details) {
        if (!caller.isAdmin()) {
            return Uni.createFrom().failure(adminsOnly());
        }
        var now = clock.now();
        var room = new Room();
        room.id = UUID.randomUUID().toString();
        room.tenantId = caller.tenantId();
        room.createdAt = now;
        apply(room, details);
        return rooms.persist(room);
    }

    public Uni<Page<Room>> list(Caller caller, int page, int size) {
        if (!reads(caller)) {
            return Uni.createFrom().failure(staffOnly());
        }
        return rooms.count(caller.tenantId())
                .chain(total ->
                        rooms.list(caller.tenantId(), page, size).map(list -> new Page<>(list, page, size, total)));
    }

    public Uni<Room> get(Caller caller, String id) {
        if (!reads(caller)) {
            return Uni.createFrom().failure(staffOnly());
        }
        return find(caller, id);
    }

    public Uni<Room> update(Caller caller, String id, RoomDetails details) {
        return find(caller, id)
                .invoke(() -> {
                    if (!caller.isAdmin()) {
                        throw adminsOnly();
                    }
                })
                .invoke(room -> apply(room, details))
                .call(rooms::update);
    }

    /** Classes that used the room as default room fall back to none (sessions then have no cameras). */
    public Uni<Void> delete(Caller caller, String id) {
        return find(caller, id)
                .invoke(() -> {
                    if (!caller.isAdmin()) {
                        throw adminsOnly();
                    }
                })
                .chain(() -> rooms.deleteInTenant(caller.tenantId(), id))
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

    private static boolean reads(Caller caller) {
        return caller.isAdmin() || caller.isTeacher();
    }

    private static RuntimeException adminsOnly() {
        return Problems.forbidden("only an admin of the tenant manages rooms and their cameras");
    }

    private static RuntimeException staffOnly() {
        return Problems.forbidden("only teachers and admins see rooms");
    }

    private void apply(Room room, RoomDetails details) {
        room.name = details.name().strip();
        room.location = details.location();
        room.cameraIds = details.cameraIds() == null
                ? new ArrayList<>()
                : new ArrayList<>(new LinkedHashSet<>(details.cameraIds()));
        room.updatedAt = clock.now();
    }
}
