package io.classroom.classroom.rest;

import io.classroom.classroom.security.CurrentCaller;
import io.classroom.classroom.security.Roles;
import io.classroom.classroom.service.RoomService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rooms and their camera ids: managed by the tenant's admins, read by its teachers (who pick a room when they
 * activate a class). RoomService decides; the role annotations are a first filter.
 */
@Path("/api/classroom/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rooms", description = "Rooms and the ids of their cameras")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.TEACHER, Roles.ADMIN})
@APIResponse(responseCode = "401", description = "No valid access token")
public class RoomResource {

    private final RoomService rooms;
    private final CurrentCaller caller;

    public RoomResource(RoomService rooms, CurrentCaller caller) {
        this.rooms = rooms;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a room with its camera ids (admins)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid fields or camera ids")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<Response> create(@NotNull @Valid RoomRequest request) {
        return rooms.create(caller.get(), request.toDetails())
                .map(RoomResponse::of)
                .map(r -> Response.created(URI.create("/api/classroom/rooms/" + r.id()))
                        .entity(r)
                        .build());
    }

    @GET
    @Operation(summary = "Rooms of the caller's tenant, by name (teachers and admins)")
    @APIResponse(responseCode = "200", description = "One page of rooms")
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    public Uni<PageResponse<RoomResponse>> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return rooms.list(caller.get(), page, size).map(found -> PageResponse.of(found, RoomResponse::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a room (teachers and admins)")
    @APIResponse(responseCode = "200", description = "The room")
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "Unknown room")
    public Uni<RoomResponse> get(
            @Parameter(description = "room id", example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b") @PathParam("id")
                    UUID id) {
        return rooms.get(caller.get(), id.toString()).map(RoomResponse::of);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a room's name, location and camera ids (admins; running sessions keep their snapshot)")
    @APIResponse(responseCode = "200", description = "The updated room")
    @APIResponse(responseCode = "400", description = "Invalid fields or camera ids")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Unknown room")
    public Uni<RoomResponse> update(
            @Parameter(description = "room id", example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b") @PathParam("id")
                    UUID id,
            @NotNull @Valid RoomRequest request) {
        return rooms.update(caller.get(), id.toString(), request.toDetails()).map(RoomResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a room (admins); classes using it as default room no longer have one")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Unknown room")
    public Uni<Void> delete(
            @Parameter(description = "room id", example = "b3e1f0a2-8c4d-4f6e-9a7b-2c1d0e9f8a7b") @PathParam("id")
                    UUID id) {
        return rooms.delete(caller.get(), id.toString());
    }
}
