package io.classroom.auth.rest;

import io.classroom.auth.service.Tokens;

/** An access token (RS256 JWT) and its refresh token; lifetimes in seconds. */
public record TokenResponse(
        String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

    static TokenResponse of(Tokens tokens) {
        return new TokenResponse(
                tokens.accessToken(), "Bearer", tokens.expiresIn(), tokens.refreshToken(), tokens.refreshExpiresIn());
    }
}
