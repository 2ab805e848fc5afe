package io.classroom.auth.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/** RFC 7662-style answer: {@code active} and, only when active, the verified claims. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionResponse(
        boolean active,
        String sub,
        String upn,
        String tenant,
        List<String> groups,
        String iss,
        List<String> aud,
        Long exp,
        Long iat,
        String jti) {

    static IntrospectionResponse inactive() {
        return new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null);
    }

    static IntrospectionResponse of(JwtClaims claims) {
        if (claims == null) {
            return inactive();
        }
        try {
            return new IntrospectionResponse(
                    true,
                    claims.getSubject(),
                    claims.getStringClaimValue("upn"),
                    claims.getStringClaimValue("tenant"),
                    claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of(),
                    claims.getIssuer(),
                    claims.getAudience(),
                    claims.getExpirationTime().getValue(),
                    claims.getIssuedAt().getValue(),
                    claims.getJwtId());
        } catch (MalformedClaimException e) {
            return inactive();
        }
    }
}
