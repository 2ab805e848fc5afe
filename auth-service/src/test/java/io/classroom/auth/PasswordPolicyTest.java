package io.classroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(10);

    @Test
    void acceptsALongUncommonPassword() {
        assertThat(policy.violation("correct horse battery", "ada@school.example"))
                .isEmpty();
    }

    @Test
    void refusesShortLongCommonAndEmailPasswords() {
        assertThat(policy.violation("short", "a@b.example"))
                .hasValueSatisfying(r -> assertThat(r).contains("at least 10"));
        assertThat(policy.violation("é".repeat(40), "a@b.example"))
                .hasValueSatisfying(r -> assertThat(r).contains("72 bytes"));
        assertThat(policy.violation("PassWord123", "a@b.example"))
                .hasValueSatisfying(r -> assertThat(r).contains("common"));
        assertThat(policy.violation("Ada@School.example", "ada@school.example"))
                .hasValueSatisfying(r -> assertThat(r).contains("email"));
    }
}
