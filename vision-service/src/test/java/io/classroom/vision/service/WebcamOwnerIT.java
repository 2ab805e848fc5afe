package io.classroom.vision.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroom.testing.EventSchemas;
import io.classroom.testing.TestTokens;
import io.classroom.vision.messaging.FrameAnalyzed;
import io.classroom.vision.pipeline.TestAssets;
import io.classroom.vision.pipeline.TestFrames;
import io.classroom.vision.pipeline.TestFrames.Placement;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Webcam attendance counts for the webcam's owner only, over the real broker: 1280x720 webcam frames (headers with
 * {@code userId}, source {@code webcam:<userId>}) composed from the face photos; the owner and a classmate are enrolled
 * in the same school. Only the largest face, verified 1:1 against the owner's enrolment, is identified, as the owner.
 */
@QuarkusTest
class WebcamOwnerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FACES = TestAssets.faces();
    private static final Path OWNER_ENROLMENT = FACES.resolve("obama/enrol/obama.jpg");
    private static final Path OWNER_PROBE = FACES.resolve("obama/probe/obama1.jpg");
    private static final Path CLASSMATE_ENROLMENT = FACES.resolve("biden/enrol/biden.jpg");
    private static final Path GOLDEN =
            EventSchemas.moduleDir("camera-ingest-service").resolve("src/test/resources/events/ingest.frames.v1");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafkaServers;

    @Test
    void onlyTheVerifiedOwnerOfAWebcamIsIdentified() throws Exception {
        var tenant = TestTokens.newTenant();
        var owner = UUID.randomUUID();
        var classmate = UUID.randomUUID();
        var notEnrolled = UUID.randomUUID();
        enrol(tenant, owner, OWNER_ENROLMENT);
        enrol(tenant, classmate, CLASSMATE_ENROLMENT);

        var frames = new LinkedHashMap<String, ProducerRecord<String, byte[]>>();
        var start = Instant.now();
        // Frames of one webcam 5 s of camera time apart: none is thinned out of a backlog.
        frames.put(
                "owner-alone",
                frame(
                        tenant,
                        owner,
                        "owner-alone",
                        start,
                        TestFrames.compose(1280, 720, at(OWNER_ENROLMENT, 352, 0, 720))));
        frames.put(
                "owner-and-classmate",
                frame(
                        tenant,
                        owner,
                        "owner-and-classmate",
                        start.plusSeconds(5),
                        TestFrames.compose(
                                1280, 720, at(OWNER_PROBE, 0, 60, 600), at(CLASSMATE_ENROLMENT, 1090, 100, 420))));
        frames.put(
                "classmate-on-owner-webcam",
                frame(
                        tenant,
                        owner,
                        "classmate-on-owner-webcam",
                        start.plusSeconds(10),
                        TestFrames.compose(1280, 720, at(CLASSMATE_ENROLMENT, 480, 0, 720))));
        frames.put(
                "classmate-in-front-of-owner",
                frame(
                        tenant,
                        owner,
                        "classmate-in-front-of-owner",
                        start.plusSeconds(15),
                        TestFrames.compose(
                                1280, 720, at(CLASSMATE_ENROLMENT, 300, 0, 720), at(OWNER_ENROLMENT, 900, 300, 300))));
        frames.put(
                "not-enrolled",
                frame(
                        tenant,
                        notEnrolled,
                        "not-enrolled",
                        start,
                        TestFrames.compose(1280, 720, at(OWNER_ENROLMENT, 352, 0, 720))));

        var observations = new HashMap<String, JsonNode>();
        try (var kafka = new KafkaCompanion(kafkaServers)) {
            kafka.produce(byte[].class)
                    .fromRecords(frames.values().stream().toList())
                    .awaitCompletion(Duration.ofSeconds(60));
            for (var record : kafka.consumeStrings()
                    .withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics(
                            FrameAnalyzed.TOPIC,
                            // a frame may be analysed twice (a redelivery after a rebalance): one per frame id
                            m -> m.filter(r -> r.value().contains(tenant))
                                    .select()
                                    .distinct(Comparator.comparing(r -> frameId(r.value())))
                                    .select()
                                    .first(frames.size()))
                    .awaitCompletion(Duration.ofSeconds(120))
                    .getRecords()) {
                assertThat(EventSchemas.validate(FrameAnalyzed.TOPIC, record.value()))
                        .as(record.value())
                        .isEmpty();
                var event = JSON.readTree(record.value());
                observations.put(event.get("frameId").asText(), event);
            }
        }
        assertThat(observations).containsOnlyKeys(frames.keySet());

        // the owner's own enrolment photo: verified, alone
        var alone = observations.get("owner-alone");
        assertThat(alone.get("userId").asText()).isEqualTo(owner.toString());
        assertThat(alone.get("ownerVerified").asBoolean()).isTrue();
        assertThat(alone.get("othersInFrame").asInt()).isZero();
        assertThat(alone.get("faces")).hasSize(1);
        assertThat(identity(alone, 0)).isEqualTo(owner.toString());

        // the owner (largest, another photo of them) with an enrolled classmate: only the owner is identified
        var withClassmate = observations.get("owner-and-classmate");
        assertThat(withClassmate.get("ownerVerified").asBoolean()).isTrue();
        assertThat(withClassmate.get("othersInFrame").asInt()).isEqualTo(1);
        assertThat(withClassmate.get("faces")).hasSize(2);
        assertThat(identities(withClassmate)).containsExactly(owner.toString());
        assertThat(withClassmate.get("unknownFaces").asInt()).isEqualTo(1);

        // a classmate in front of the owner's webcam: nobody is identified, the classmate least of all
        var classmateOnly = observations.get("classmate-on-owner-webcam");
        assertThat(classmateOnly.get("ownerVerified").asBoolean()).isFalse();
        assertThat(classmateOnly.get("othersInFrame").asInt()).isEqualTo(1);
        assertThat(identities(classmateOnly)).isEmpty();

        // the owner in the frame but not the largest face: not verified, nobody identified
        var ownerBehind = observations.get("classmate-in-front-of-owner");
        assertThat(ownerBehind.get("faces")).hasSize(2);
        assertThat(ownerBehind.get("ownerVerified").asBoolean()).isFalse();
        assertThat(ownerBehind.get("othersInFrame").asInt()).isEqualTo(2);
        assertThat(identities(ownerBehind)).isEmpty();

        // a webcam whose owner has no enrolment never verifies, even showing an enrolled face
        var unenrolled = observations.get("not-enrolled");
        assertThat(unenrolled.get("ownerVerified").asBoolean()).isFalse();
        assertThat(unenrolled.get("othersInFrame").asInt()).isEqualTo(1);
        assertThat(identities(unenrolled)).isEmpty();
    }

    private static Placement at(Path photo, int x, int y, int height) {
        return new Placement(photo, x, y, height);
    }

    private static void enrol(String tenant, UUID userId, Path photo) {
        given().auth()
                .oauth2(TestTokens.token(tenant, UUID.randomUUID(), "ADMIN"))
                .multiPart("photo", photo.getFileName().toString(), TestAssets.read(photo), "image/jpeg")
                .post("/api/vision/gallery/{userId}/faces", userId)
                .then()
                .statusCode(201);
    }

    private static String identity(JsonNode event, int face) {
        return event.get("faces").get(face).get("identity").get("userId").asText();
    }

    private static java.util.List<String> identities(JsonNode event) {
        var ids = new java.util.ArrayList<String>();
        event.get("faces").forEach(face -> {
            if (!face.get("identity").isNull()) {
                ids.add(face.get("identity").get("userId").asText());
            }
        });
        return ids;
    }

    /** A webcam frame as camera-ingest publishes it: its golden headers, with the owner and their webcam source. */
    private static ProducerRecord<String, byte[]> frame(
            String tenant, UUID owner, String frameId, Instant capturedAt, byte[] jpeg) throws IOException {
        var source = "webcam:" + owner;
        var record = new ProducerRecord<String, byte[]>("ingest.frames.v1", source, jpeg);
        var headers = new LinkedHashMap<String, String>();
        JSON.readTree(Files.readString(GOLDEN.resolve("Frame.headers.json")))
                .fields()
                .forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.putAll(Map.of(
                "tenantId",
                tenant,
                "sourceId",
                source,
                "userId",
                owner.toString(),
                "frameId",
                frameId,
                "capturedAt",
                capturedAt.toString(),
                "width",
                "1280",
                "height",
                "720"));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static String frameId(String observation) {
        try {
            return JSON.readTree(observation).path("frameId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
