package io.classroom.vision;

import io.classroom.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The layering of CONTRIBUTING.md holds in this service. */
class ArchitectureTest {

    @Test
    void layersAreRespected() {
        ServiceArchitecture.check("io.classroom.vision");
    }
}
