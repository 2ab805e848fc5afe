package io.classroom.auth.rest;

import io.classroom.auth.Invitation;
import io.classroom.auth.security.CurrentCaller;
import io.classroom.auth.security.Roles;
import io.classroom.auth.service.InvitationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Invitations to the caller's tenant, managed by its admins. */
@Path("/api/auth/invitations")
@Tag(name = "Invitations", description = "How TEACHER and ADMIN accounts join a tenant (admins of the tenant)")
@APIResponse(responseCode = "401", description = "No valid access token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class InvitationResource {

    private final InvitationService invitations;
    private final CurrentCaller caller;

    InvitationResource(InvitationService invitations, CurrentCaller caller) {
        this.invitations = invitations;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Invite someone to the tenant",
            description = "Returns the single-use code once (only its hash is stored): the invited person registers"
                    + " with it, for this email, before it expires (7 days unless expiresInDays says, at most 30), and"
                    + " gets the invitation's role.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateInvitationRequest.class),
                            examples = @ExampleObject(name = "teacher", value = """
                            {"email": "grace@school-1.example", "role": "TEACHER", "expiresInDays": 7}""")))
    @APIResponse(
            responseCode = "201",
            description = "Invited; the response carries the code",
            content = @Content(schema = @Schema(implementation = CreatedInvitationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or expiry")
    @APIResponse(responseCode = "409", description = "The address already has an account in the tenant")
    public Uni<Response> create(@Valid @NotNull CreateInvitationRequest request) {
        var days = request.expiresInDays() == null
                ? Invitation.DEFAULT_VALIDITY
                : Duration.ofDays(request.expiresInDays());
        return invitations
                .create(caller.get(), request.email(), request.role(), days)
                .map(created -> Response.status(Response.Status.CREATED)
                        .entity(CreatedInvitationView.of(created))
                        .build());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The tenant's open invitations", description = "Unused and unexpired, oldest first; no codes.")
    @APIResponse(
            responseCode = "200",
            description = "Open invitations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = InvitationView.class)))
    public Uni<List<InvitationView>> list() {
        return invitations
                .open(caller.get())
                .map(open -> open.stream().map(InvitationView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke an invitation", description = "Its code stops working at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such invitation in the caller's tenant")
    public Uni<Void> revoke(
            @Parameter(description = "Invitation id", example = "5a7c9e1b-2d4f-4a6b-8c0d-1e3f5a7b9c2d") @PathParam("id")
                    UUID id) {
        return invitations.revoke(caller.get(), id);
    }
}
