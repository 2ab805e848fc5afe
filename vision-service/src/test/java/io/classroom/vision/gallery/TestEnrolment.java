package io.classroom.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroom.vision.config.VisionConfig;
import io.classroom.vision.pipeline.FaceAnalyzer;
import io.classroom.vision.pipeline.ImageDecoder;
import io.classroom.vision.pipeline.TestAssets;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The face test set's identities enrolled as the service enrols them (shared by the accuracy tests): every photo of
 * {@code media/faces/<id>/enrol/} at full resolution, exactly one face per photo, embedded whatever its quality.
 */
public final class TestEnrolment {

    /**
     * The enrolled gallery.
     *
     * @param ids user id per identity (folder name), in name order
     * @param photos the enrolment photos per identity, in the order of {@code vectors}
     */
    public record Enrolled(
            GalleryIndex gallery,
            Map<String, UUID> ids,
            Map<UUID, String> names,
            Map<String, List<Path>> photos,
            Map<String, List<float[]>> vectors) {}

    private TestEnrolment() {}

    public static Enrolled enrolEveryone(FaceAnalyzer analyzer, ImageDecoder decoder) {
        var gallery = new GalleryIndex(128);
        var ids = new LinkedHashMap<String, UUID>();
        var names = new LinkedHashMap<UUID, String>();
        var photos = new LinkedHashMap<String, List<Path>>();
        var vectors = new LinkedHashMap<String, List<float[]>>();
        try (Stream<Path> people = Files.list(TestAssets.faces())) {
            for (var person : people.filter(p -> Files.isDirectory(p.resolve("enrol")))
                    .sorted()
                    .toList()) {
                var name = person.getFileName().toString();
                var id = UUID.randomUUID();
                ids.put(name, id);
                names.put(id, name);
                var files = TestAssets.images(person.resolve("enrol"));
                var embedded = new ArrayList<float[]>();
                for (var photo : files) {
                    var image = decoder.decode(TestAssets.read(photo));
                    try {
                        var faces = analyzer.detect(image);
                        assertThat(faces)
                                .as("faces on enrolment photo %s", photo)
                                .hasSize(1);
                        embedded.add(analyzer.embed(image, faces.get(0)));
                    } finally {
                        image.release();
                    }
                }
                gallery.replace(id, embedded);
                photos.put(name, files);
                vectors.put(name, embedded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Enrolled(gallery, ids, names, photos, vectors);
    }

    /** The open-set decision with the shipped defaults ({@code vision.recognition.threshold} and {@code margin}). */
    public static Recognition shippedRecognition() {
        return new Recognition(shippedDefault("threshold"), shippedDefault("margin"));
    }

    /** The {@code @WithDefault} of a {@link VisionConfig.Recognition} setting (application.properties sets none). */
    public static double shippedDefault(String setting) {
        try {
            return Double.parseDouble(VisionConfig.Recognition.class
                    .getMethod(setting)
                    .getAnnotation(WithDefault.class)
                    .value());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no recognition setting " + setting, e);
        }
    }
}
