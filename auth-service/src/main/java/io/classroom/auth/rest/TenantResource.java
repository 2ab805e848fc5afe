package io.classroom.auth.rest;

import io.classroom.auth.Role;
import io.classroom.auth.security.CurrentCaller;
import io.classroom.auth.security.Roles;
import io.classroom.auth.service.NewAccount;
import io.classroom.auth.service.TenantService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Creation of tenants by the operator, and each tenant's settings by its admins. */
@Path("/api/auth/tenants")
@Tag(
        name = "Tenants",
        description = "Tenants are created by admins of the operator tenant; each tenant's admins change its settings")
public class TenantResource {

    private final TenantService tenants;
    private final CurrentCaller caller;

    TenantResource(TenantService tenants, CurrentCaller caller) {
        this.tenants = tenants;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a tenant with its first admin",
            description = "Only admins of the operator tenant (auth.bootstrap.tenant-id). Publishes UserRegistered"
                    + " for the new admin.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CreateTenantRequest.class),
                            examples = @ExampleObject(name = "school", value = """
                            {"id": "school-1", "name": "School One",
                             "admin": {"email": "head@school-1.example", "password": "a long admin secret",
                                       "displayName": "Head Teacher"}}""")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or weak password")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not an admin of the operator tenant")
    @APIResponse(responseCode = "409", description = "The tenant exists")
    public Uni<Response> create(@Valid @NotNull CreateTenantRequest request) {
        var admin = new NewAccount(
                request.id(),
                request.admin().email(),
                request.admin().password(),
                request.admin().displayName(),
                Role.ADMIN);
        return tenants.create(caller.get(), request.id(), request.name(), admin)
                .map(tenant -> Response.status(Response.Status.CREATED)
                        .entity(TenantView.of(tenant))
                        .build());
    }

    @GET
    @Path("/current/settings")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The settings of the caller's tenant", description = "Admins of the tenant.")
    @APIResponse(
            responseCode = "200",
            description = "The settings",
            content = @Content(schema = @Schema(implementation = TenantSettingsView.class)))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<TenantSettingsView> settings() {
        return tenants.settings(caller.get()).map(TenantSettingsView::of);
    }

    @PUT
    @Path("/current/settings")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Change the settings of the caller's tenant",
            description = "Admins of the tenant. selfRegistration (off by default): whether anyone may register as"
                    + " STUDENT without an invitation.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TenantSettingsRequest.class),
                            examples = @ExampleObject(name = "open", value = "{\"selfRegistration\": true}")))
    @APIResponse(
            responseCode = "200",
            description = "The new settings",
            content = @Content(schema = @Schema(implementation = TenantSettingsView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<TenantSettingsView> updateSettings(@Valid @NotNull TenantSettingsRequest request) {
        return tenants.updateSettings(caller.get(), request.selfRegistration()).map(TenantSettingsView::of);
    }
}
