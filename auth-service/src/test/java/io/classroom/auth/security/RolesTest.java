package io.classroom.auth.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.auth.Role;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The role names of @RolesAllowed and the tokens' groups are the domain's roles, no more, no fewer. */
class RolesTest {

    @Test
    void roleNamesAreTheDomainRoles() {
        assertThat(Arrays.stream(Role.values()).map(Role::name))
                .containsExactlyInAnyOrder(Roles.ADMIN, Roles.TEACHER, Roles.STUDENT);
    }
}
