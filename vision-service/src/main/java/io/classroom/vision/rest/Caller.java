package io.classroom.vision.rest;

import jakarta.ws.rs.ForbiddenException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who calls: tenant, user id and whether they may see identities and manage others' faces. */
public record Caller(String tenantId, UUID userId, boolean staff) {

    public static Caller of(JsonWebToken jwt) {
        var tenant = jwt.<Object>getClaim("tenant");
        if (tenant == null || tenant.toString().isBlank()) {
            throw new ForbiddenException("the access token carries no tenant");
        }
        UUID user;
        try {
            user = UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ForbiddenException("the access token's subject is not a user id");
        }
        var groups = jwt.getGroups();
        boolean staff = groups != null && (groups.contains("TEACHER") || groups.contains("ADMIN"));
        return new Caller(tenant.toString(), user, staff);
    }
}
