package io.classroom.auth.rest;

import io.classroom.auth.security.CurrentCaller;
import io.classroom.auth.security.Roles;
import io.classroom.auth.service.AccountService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own account, and user administration within the caller's tenant. */
@Path("/api/auth/users")
@Tag(name = "Users", description = "Own profile and user administration (always within the caller's tenant)")
@APIResponse(responseCode = "401", description = "No valid access token")
public class UserResource {

    private static final String USER_ID = "3f2b8c1e-6d4a-4f7b-9a2e-1c5d8e7f9a01";

    private final AccountService accounts;
    private final CurrentCaller caller;

    UserResource(AccountService accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("/me")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(summary = "The caller's account")
    @APIResponse(
            responseCode = "200",
            description = "The account",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "The account was deleted")
    public Uni<UserView> me() {
        return accounts.me(caller.get()).map(UserView::of);
    }

    @PATCH
    @Path("/me")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(summary = "Change the caller's display name", description = "Publishes UserUpdated.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = UpdateProfileRequest.class),
                            examples = @ExampleObject(name = "rename", value = "{\"displayName\": \"Ada King\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The updated account",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    public Uni<UserView> updateMe(@Valid @NotNull UpdateProfileRequest request) {
        return accounts.updateDisplayName(caller.get(), request.displayName()).map(UserView::of);
    }

    @PUT
    @Path("/me/password")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(
            summary = "Change the caller's password",
            description = "Revokes every refresh token of the caller: log in again with the new password.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ChangePasswordRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "change",
                                            value =
                                                    "{\"currentPassword\": \"correct horse battery\", \"newPassword\": \"another long secret\"}")))
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid body or weak new password")
    @APIResponse(responseCode = "403", description = "Wrong current password")
    public Uni<Void> changePassword(@Valid @NotNull ChangePasswordRequest request) {
        return accounts.changePassword(caller.get(), request.currentPassword(), request.newPassword());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER})
    @Operation(summary = "Look a user up")
    @APIResponse(
            responseCode = "200",
            description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Not a teacher or admin")
    @APIResponse(responseCode = "404", description = "No such user in the caller's tenant")
    public Uni<UserView> get(@Parameter(description = "User id", example = USER_ID) @PathParam("id") UUID id) {
        return accounts.get(caller.get(), id).map(UserView::of);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List the tenant's users", description = "Sorted by email, paginated.")
    @APIResponse(
            responseCode = "200",
            description = "One page",
            content = @Content(schema = @Schema(implementation = UserPageView.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<UserPageView> list(
            @Parameter(description = "Zero-based page number", example = "0")
                    @QueryParam("page")
                    @DefaultValue("0")
                    @Min(0)
                    @Max(100_000)
                    int page,
            @Parameter(description = "Users per page, 1-100", example = "20")
                    @QueryParam("size")
                    @DefaultValue("20")
                    @Min(1)
                    @Max(100)
                    int size) {
        return accounts.list(caller.get(), page, size)
                .map(result -> new UserPageView(
                        result.items().stream().map(UserView::of).toList(), page, size, result.total()));
    }

    @PUT
    @Path("/{id}/roles")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a user's roles",
            description = "Publishes UserUpdated; new roles reach tokens at the next login or refresh.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RolesRequest.class),
                            examples = @ExampleObject(name = "teacher", value = "{\"roles\": [\"TEACHER\"]}")))
    @APIResponse(
            responseCode = "200",
            description = "The updated user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such user in the caller's tenant")
    @APIResponse(responseCode = "409", description = "An admin removing their own ADMIN role")
    public Uni<UserView> setRoles(
            @Parameter(description = "User id", example = USER_ID) @PathParam("id") UUID id,
            @Valid @NotNull RolesRequest request) {
        return accounts.setRoles(caller.get(), id, request.roles()).map(UserView::of);
    }

    @POST
    @Path("/{id}/disable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Disable a user",
            description = "Login and refresh stop working at once; issued access tokens expire on their own.")
    @APIResponse(
            responseCode = "200",
            description = "The updated user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such user in the caller's tenant")
    @APIResponse(responseCode = "409", description = "An admin disabling themselves")
    public Uni<UserView> disable(@Parameter(description = "User id", example = USER_ID) @PathParam("id") UUID id) {
        return accounts.setDisabled(caller.get(), id, true).map(UserView::of);
    }

    @POST
    @Path("/{id}/enable")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Enable a disabled user")
    @APIResponse(
            responseCode = "200",
            description = "The updated user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such user in the caller's tenant")
    @APIResponse(responseCode = "409", description = "An admin enabling themselves")
    public Uni<UserView> enable(@Parameter(description = "User id", example = USER_ID) @PathParam("id") UUID id) {
        return accounts.setDisabled(caller.get(), id, false).map(UserView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Erase a user",
            description = "Deletes the account and its refresh tokens and publishes UserDeleted, on which every service"
                    + " erases or anonymises the user's data.")
    @APIResponse(responseCode = "204", description = "Erased")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such user in the caller's tenant")
    @APIResponse(responseCode = "409", description = "An admin deleting themselves")
    public Uni<Void> delete(@Parameter(description = "User id", example = USER_ID) @PathParam("id") UUID id) {
        return accounts.delete(caller.get(), id);
    }
}
