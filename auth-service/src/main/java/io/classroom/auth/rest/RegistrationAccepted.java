package io.classroom.auth.rest;

/**
 * The one answer to every registration that passed validation, whatever happened: it does not tell whether the tenant
 * exists, takes self-registrations, the address had an account or the invitation was valid.
 */
public record RegistrationAccepted(String status, String detail) {

    static final RegistrationAccepted INSTANCE = new RegistrationAccepted(
            "accepted", "If this address may join the school, its account exists now: sign in.");
}
