package io.classroom.auth.rest;

import io.classroom.auth.security.CurrentCaller;
import io.classroom.auth.security.Roles;
import io.classroom.auth.service.SigningKeys;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/** The public signing keys (JWKS) every service verifies tokens with, and their rotation. */
@Path("/api/auth")
@Tag(name = "Keys", description = "JWKS and signing-key rotation")
public class KeyResource {

    /** A JSON Web Key Set. */
    public record Jwks(
            @Schema(
                    description = "Public RSA keys (RFC 7517), the current one first; match a token's kid header",
                    example = """
                    [{"kty": "RSA", "kid": "0b6f3c2a-8e41-4d7a-9c55-2f1e7a9d4b18", "use": "sig", "alg": "RS256",
                      "n": "u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbw",
                      "e": "AQAB"}]""")
            List<Map<String, Object>> keys) {}

    /** The result of a rotation. */
    public record Rotation(
            @Schema(
                    description = "Key id of the new signing key (the kid header of new tokens)",
                    example = "0b6f3c2a-8e41-4d7a-9c55-2f1e7a9d4b18")
            String kid) {}

    private final SigningKeys keys;
    private final CurrentCaller caller;

    KeyResource(SigningKeys keys, CurrentCaller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GET
    @Path("/.well-known/jwks.json")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Public signing keys (JWKS)",
            description = "The current key first, then the previous one and any key retired less than one access"
                    + " token lifetime ago. Set mp.jwt.verify.publickey.location to this URL.")
    @APIResponse(
            responseCode = "200",
            description = "The key set",
            content = @Content(schema = @Schema(implementation = Jwks.class)))
    public Jwks jwks() {
        return new Jwks(keys.published().stream()
                .map(key -> {
                    var jwk = new RsaJsonWebKey(key.publicKey());
                    jwk.setKeyId(key.kid());
                    jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
                    jwk.setUse("sig");
                    return jwk.toParams(OutputControlLevel.PUBLIC_ONLY);
                })
                .toList());
    }

    @POST
    @Path("/keys/rotate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Rotate the signing key",
            description = "Operator-tenant admins only. New tokens are signed with a new key; tokens of the previous"
                    + " key keep verifying until they expire.")
    @APIResponse(
            responseCode = "200",
            description = "The new key id",
            content = @Content(schema = @Schema(implementation = Rotation.class)))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "Not an admin of the operator tenant")
    public Uni<Rotation> rotate() {
        return keys.rotate(caller.get()).map(Rotation::new);
    }
}
