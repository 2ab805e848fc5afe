package io.classroom.auth.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one answer to every registration that passed validation, whatever happened: it does not tell whether the tenant
 * exists, takes self-registrations, the address had an account or the invitation was valid.
 */
public record RegistrationAccepted(
        @Schema(example = "accepted") String status,

        @Schema(example = "If this address may join the school, its account exists now: sign in.")
        String detail) {

    static final RegistrationAccepted INSTANCE = new RegistrationAccepted(
            "accepted", "If this address may join the school, its account exists now: sign in.");
}
