package io.classroom.auth.rest;

import io.classroom.auth.security.CurrentCaller;
import io.classroom.auth.security.Roles;
import io.classroom.auth.service.AccountService;
import io.classroom.auth.service.Registration;
import io.classroom.auth.service.SessionService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registration, login, refresh-token rotation, logout and token introspection. */
@Path("/api/auth")
@Tag(name = "Sessions", description = "Register, log in, refresh, log out, introspect")
public class AuthResource {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final AccountService accounts;
    private final SessionService sessions;
    private final CurrentCaller caller;

    AuthResource(AccountService accounts, SessionService sessions, CurrentCaller caller) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(
            summary = "Join a tenant",
            description = "Creates a STUDENT account where the tenant's admin allows self-registration, or an account"
                    + " with the role of an admin's invitation (invitationCode: for this email, in this tenant, once,"
                    + " before it expires). TEACHER and ADMIN accounts come only from an admin. Whatever happened,"
                    + " the answer is the same 202: it does not tell which tenants or accounts exist. Then sign in.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RegisterRequest.class),
                            examples = {
                                @ExampleObject(name = "student", value = """
                                {"tenant": "school-1", "email": "ada@school-1.example", "password": "correct horse battery",
                                 "displayName": "Ada Lovelace"}"""),
                                @ExampleObject(name = "invited", value = """
                                {"tenant": "school-1", "email": "grace@school-1.example", "password": "another long secret",
                                 "displayName": "Grace Hopper", "invitationCode": "q1N2v3...43 characters"}""")
                            }))
    @APIResponse(
            responseCode = "202",
            description = "Accepted: if this address may join the tenant, its account exists now",
            content = @Content(schema = @Schema(implementation = RegistrationAccepted.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid body, weak password, or a role other than STUDENT (roles are granted by an admin)")
    @APIResponse(responseCode = "429", description = "Too many registrations from this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "Too many password hashes at once; see Retry-After")
    public Uni<Response> register(@Valid @NotNull RegisterRequest request, @Context HttpServerRequest http) {
        var registration = new Registration(
                request.tenant(),
                request.email(),
                request.password(),
                request.displayName(),
                request.role(),
                request.invitationCode());
        return accounts.register(registration, ClientAddress.of(http))
                .map(ignored -> Response.accepted(RegistrationAccepted.INSTANCE).build());
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(
            summary = "Log in",
            description = "Returns an RS256 access token and a refresh token. Unknown tenant, unknown email, wrong"
                    + " password and disabled account give the same 401. Every attempt is counted before the password"
                    + " is checked: over the limit of an account or a client address, 429 with Retry-After.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = LoginRequest.class),
                            examples = @ExampleObject(name = "login", value = """
                            {"tenant": "school-1", "email": "ada@school-1.example", "password": "correct horse battery"}""")))
    @APIResponse(
            responseCode = "200",
            description = "Tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "Invalid credentials")
    @APIResponse(responseCode = "429", description = "Too many failed logins; see Retry-After")
    @APIResponse(responseCode = "503", description = "Too many password checks at once; see Retry-After")
    public Uni<TokenResponse> login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        return sessions.login(request.tenant(), request.email(), request.password(), ClientAddress.of(http))
                .map(TokenResponse::of);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(
            summary = "Rotate a refresh token",
            description = "Returns new tokens; the presented refresh token stops working. Presenting an already"
                    + " rotated token revokes its whole family.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RefreshTokenRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "refresh",
                                            value =
                                                    "{\"refreshToken\": \"m3V0Q1l6bE9Yc0JqZHZ4cW1aN2x3c0hBa0dQY3V0\"}")))
    @APIResponse(
            responseCode = "200",
            description = "New tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "401", description = "Unknown, expired or revoked refresh token")
    public Uni<TokenResponse> refresh(@Valid @NotNull RefreshTokenRequest request) {
        return sessions.refresh(request.refreshToken()).map(TokenResponse::of);
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "Revoke one refresh token", description = "Idempotent; unknown tokens are ignored.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(
            responseCode = "400",
            description = "Invalid body",
            content =
                    @Content(
                            mediaType = PROBLEM_JSON,
                            schema = @Schema(ref = "HttpValidationProblem"),
                            examples = @ExampleObject(name = "blank", value = """
                            {"type": "about:blank", "title": "Bad Request", "status": 400, "instance": "/api/auth/logout",
                             "violations": [{"field": "refreshToken", "in": "body", "message": "must not be blank"}]}""")))
    public Uni<Void> logout(@Valid @NotNull RefreshTokenRequest request) {
        return sessions.logout(request.refreshToken());
    }

    @POST
    @Path("/logout-all")
    @RolesAllowed({Roles.ADMIN, Roles.TEACHER, Roles.STUDENT})
    @Operation(summary = "Revoke every refresh token of the caller", description = "Log out on every device.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(
            responseCode = "401",
            description = "No valid access token",
            content =
                    @Content(
                            mediaType = PROBLEM_JSON,
                            schema = @Schema(ref = "HttpProblem"),
                            examples = @ExampleObject(name = "unauthorized", value = """
                            {"type": "about:blank", "title": "Unauthorized", "status": 401,
                             "detail": "A valid bearer access token is required"}""")))
    public Uni<Void> logoutAll() {
        return sessions.logoutEverywhere(caller.get());
    }

    @POST
    @Path("/introspect")
    @PermitAll
    @Operation(
            summary = "Introspect an access token",
            description = "active=true with the claims only when the signature, issuer, audience and expiry verify and"
                    + " the user still exists and is enabled.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IntrospectRequest.class),
                            examples = @ExampleObject(name = "token", value = "{\"token\": \"eyJraWQiOiI...\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Verdict and claims",
            content = @Content(schema = @Schema(implementation = IntrospectionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    public Uni<IntrospectionResponse> introspect(@Valid @NotNull IntrospectRequest request) {
        return sessions.introspect(request.token()).map(IntrospectionResponse::of);
    }
}
