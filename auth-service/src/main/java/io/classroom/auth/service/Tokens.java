package io.classroom.auth.service;

/** What a login or refresh hands out. */
public record Tokens(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {}
