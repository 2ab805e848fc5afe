package io.classroom.vision.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of classroom-service's page of classes this service reads: how many classes matched. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ClassPage(long total) {}
