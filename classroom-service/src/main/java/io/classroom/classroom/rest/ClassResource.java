package io.classroom.classroom.rest;

import io.classroom.classroom.error.Problems;
import io.classroom.classroom.security.CurrentCaller;
import io.classroom.classroom.security.Roles;
import io.classroom.classroom.service.ClassService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Classes, their archive state and their rosters. Ids are UUIDs: a malformed one answers 404 like an unknown one. */
@Path("/api/classroom/classes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Classes", description = "Classes, join codes and rosters")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid access token")
public class ClassResource {

    private final ClassService classes;
    private final CurrentCaller caller;

    public ClassResource(ClassService classes, CurrentCaller caller) {
        this.classes = classes;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.TEACHER)
    @Operation(summary = "Create a class (the caller becomes its teacher); a unique join code is generated")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid fields, schedule or time zone")
    @APIResponse(responseCode = "403", description = "Not a teacher")
    @APIResponse(responseCode = "422", description = "The default room does not exist")
    public Uni<Response> create(@NotNull @Valid ClassRequest request) {
        return classes.create(caller.get(), request.toDetails())
                .map(ClassResponse::of)
                .map(c -> Response.created(URI.create("/api/classroom/classes/" + c.id()))
                        .entity(c)
                        .build());
    }

    @GET
    @RolesAllowed({Roles.TEACHER, Roles.STUDENT, Roles.ADMIN})
    @Operation(
            summary = "My classes",
            description = "Teachers: the classes they teach; students: those they are enrolled in; admins: all of"
                    + " the tenant. Sorted by title. With `student`, only those of these classes that have this user"
                    + " on their roster: other services (vision-service) call it with the teacher's token to learn"
                    + " whether the caller teaches a student, a non-empty page meaning yes. A student may ask only"
                    + " about themself.")
    @APIResponse(responseCode = "200", description = "One page of classes")
    @APIResponse(responseCode = "400", description = "Invalid paging or student id")
    @APIResponse(responseCode = "403", description = "A student asking about another user")
    public Uni<PageResponse<ClassResponse>> list(
            @Parameter(description = "include archived classes") @QueryParam("includeArchived") @DefaultValue("false")
                    boolean includeArchived,
            @Parameter(description = "case-insensitive text searched literally in titles", example = "physics")
                    @QueryParam("q")
                    @Size(max = 100)
                    String q,
            @Parameter(
                            description = "user id (UUID): only the caller's classes with this user on their roster",
                            example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b",
                            schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @QueryParam("student")
                    String student,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return classes.listMine(caller.get(), includeArchived, q, parseUserId(student), page, size)
                .map(found -> PageResponse.of(found, ClassResponse::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TEACHER, Roles.STUDENT, Roles.ADMIN})
    @Operation(
            summary =
                    "Get a class (its teacher, an admin or an enrolled student; the join code is hidden from students)")
    @APIResponse(responseCode = "200", description = "The class")
    @APIResponse(responseCode = "404", description = "Unknown, not visible to the caller, or malformed id")
    public Uni<ClassResponse> get(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id) {
        return classes.get(caller.get(), id.toString()).map(ClassResponse::of);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Replace a class's details (not its roster, teacher or join code)")
    @APIResponse(responseCode = "200", description = "The updated class")
    @APIResponse(responseCode = "400", description = "Invalid fields, schedule or time zone")
    @APIResponse(responseCode = "403", description = "Not the class's teacher")
    @APIResponse(responseCode = "404", description = "Unknown class")
    @APIResponse(responseCode = "422", description = "The default room does not exist")
    public Uni<ClassResponse> update(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id,
            @NotNull @Valid ClassRequest request) {
        return classes.update(caller.get(), id.toString(), request.toDetails()).map(ClassResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Delete a class; its running session ends with reason CLASS_DELETED, past sessions stay")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not the class's teacher")
    @APIResponse(responseCode = "404", description = "Unknown class")
    public Uni<Void> delete(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id) {
        return classes.delete(caller.get(), id.toString());
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Archive a class (idempotent): no new students, no new sessions")
    @APIResponse(responseCode = "200", description = "The archived class")
    @APIResponse(responseCode = "403", description = "Not the class's teacher")
    @APIResponse(responseCode = "404", description = "Unknown class")
    @APIResponse(responseCode = "409", description = "The class has an active session")
    public Uni<ClassResponse> archive(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id) {
        return classes.archive(caller.get(), id.toString()).map(ClassResponse::of);
    }

    @POST
    @Path("/join")
    @RolesAllowed(Roles.STUDENT)
    @Operation(summary = "Join a class with its join code (idempotent)")
    @APIResponse(responseCode = "200", description = "The joined class")
    @APIResponse(responseCode = "400", description = "No join code")
    @APIResponse(responseCode = "403", description = "Not a student")
    @APIResponse(responseCode = "404", description = "No class of the caller's tenant has this code")
    @APIResponse(responseCode = "409", description = "The class is archived")
    public Uni<ClassResponse> join(@NotNull @Valid JoinRequest request) {
        return classes.join(caller.get(), request.joinCode()).map(ClassResponse::of);
    }

    @GET
    @Path("/{id}/roster")
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "The class's roster (its teacher or an admin)")
    @APIResponse(responseCode = "200", description = "Enrolled students")
    @APIResponse(responseCode = "403", description = "Not the class's teacher")
    @APIResponse(responseCode = "404", description = "Unknown class")
    public Uni<List<RosterEntry>> roster(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id) {
        return classes.roster(caller.get(), id.toString()).map(RosterEntry::listOf);
    }

    @PUT
    @Path("/{id}/students/{userId}")
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN})
    @Operation(summary = "Enrol a student (idempotent)")
    @APIResponse(responseCode = "200", description = "The roster")
    @APIResponse(responseCode = "403", description = "Not the class's teacher")
    @APIResponse(responseCode = "404", description = "Unknown class")
    @APIResponse(responseCode = "409", description = "The class is archived")
    public Uni<List<RosterEntry>> addStudent(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id,
            @Parameter(description = "the student's user id", example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b")
                    @PathParam("userId")
                    UUID userId) {
        return classes.addStudent(caller.get(), id.toString(), userId.toString())
                .map(RosterEntry::listOf);
    }

    @DELETE
    @Path("/{id}/students/{userId}")
    @RolesAllowed({Roles.TEACHER, Roles.ADMIN, Roles.STUDENT})
    @Operation(summary = "Remove a student (the teacher), or leave the class (the student); idempotent")
    @APIResponse(responseCode = "204", description = "Not enrolled (any more)")
    @APIResponse(responseCode = "403", description = "A student removing someone else")
    @APIResponse(responseCode = "404", description = "Unknown class")
    public Uni<Void> removeStudent(
            @Parameter(description = "class id", example = "3f2b8c1e-5d4a-4e7b-9c6f-1a2b3c4d5e6f") @PathParam("id")
                    UUID id,
            @Parameter(description = "the student's user id", example = "9b2f4e6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b")
                    @PathParam("userId")
                    UUID userId) {
        return classes.removeStudent(caller.get(), id.toString(), userId.toString());
    }

    /** Parsed here rather than by JAX-RS, which would answer 404 to a bad query parameter. */
    private static String parseUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(userId.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("invalid-student", "student must be a user id (UUID)");
        }
    }
}
