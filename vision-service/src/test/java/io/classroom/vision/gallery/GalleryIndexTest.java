package io.classroom.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GalleryIndexTest {

    private static float[] unit(int axis) {
        var v = new float[4];
        v[axis] = 1;
        return v;
    }

    @Test
    void replacesRemovesAndRanksDistinctUsers() {
        var index = new GalleryIndex(4);
        var a = UUID.randomUUID();
        var b = UUID.randomUUID();
        var c = UUID.randomUUID();
        index.replace(a, List.of(unit(0), unit(1)));
        index.replace(b, List.of(unit(2)));
        index.replace(c, List.of(new float[] {0.8f, 0.6f, 0, 0}));
        assertThat(index.size()).isEqualTo(4);

        var match = index.search(unit(0), null);
        assertThat(match.userId()).isEqualTo(a);
        assertThat(match.similarity()).isEqualTo(1.0);
        assertThat(match.secondUserId()).isEqualTo(c);
        assertThat(match.secondSimilarity()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-6));

        assertThat(index.search(unit(0), Set.of(b)).userId()).isEqualTo(b);

        index.replace(a, List.of());
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.faceCount(a)).isZero();
        assertThat(index.search(unit(1), null).userId()).isEqualTo(c);
        index.replace(c, List.of(unit(3)));
        assertThat(index.search(unit(3), null).userId()).isEqualTo(c);
        assertThat(index.search(unit(2), null).userId()).isEqualTo(b);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void openSetNeedsThresholdAndMargin() {
        var recognition = new Recognition(0.45, 0.05);
        var a = UUID.randomUUID();
        var b = UUID.randomUUID();
        assertThat(recognition.decide(new GalleryIndex.Match(a, 0.7, b, 0.2))).isNotNull();
        assertThat(recognition.decide(new GalleryIndex.Match(a, 0.4, b, 0.2))).isNull();
        assertThat(recognition.decide(new GalleryIndex.Match(a, 0.6, b, 0.58))).isNull();
        assertThat(recognition.decide(GalleryIndex.Match.NONE)).isNull();
    }

    @Test
    void verifiesOneUserAgainstOnlyTheirOwnFaces() {
        var index = new GalleryIndex(4);
        var owner = UUID.randomUUID();
        var classmate = UUID.randomUUID();
        index.replace(owner, List.of(unit(0), new float[] {0.6f, 0.8f, 0, 0}));
        index.replace(classmate, List.of(unit(2)));

        assertThat(index.bestOf(owner, unit(1)).getAsDouble())
                .isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-6));
        // the classmate's perfect match is no evidence for the owner
        assertThat(index.bestOf(owner, unit(2)).getAsDouble()).isZero();
        assertThat(index.bestOf(UUID.randomUUID(), unit(0))).isEmpty();

        var verification = new OwnerVerification(0.42);
        assertThat(verification.decide(owner, index.bestOf(owner, unit(1))))
                .isEqualTo(new Recognition.Identity(
                        owner, index.bestOf(owner, unit(1)).getAsDouble()));
        assertThat(verification.decide(owner, index.bestOf(owner, unit(2)))).isNull();
        assertThat(verification.decide(owner, java.util.OptionalDouble.of(0.42)))
                .isNotNull();
        assertThat(verification.decide(owner, java.util.OptionalDouble.of(0.4199)))
                .isNull();
        assertThat(verification.decide(owner, java.util.OptionalDouble.empty())).isNull();
    }
}
