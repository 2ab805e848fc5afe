package io.classroom.vision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.classroom.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The layering of CONTRIBUTING.md holds in this service. */
class ArchitectureTest {

    @Test
    void layersAreRespected() {
        ServiceArchitecture.check("io.classroom.vision");
    }

    @Test
    void onlyServicesAskOtherServices() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.classroom.vision.rest..",
                        "io.classroom.vision.websocket..",
                        "io.classroom.vision.messaging..",
                        "io.classroom.vision.repository..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.classroom.vision.client..")
                .because("the decisions that need another service's answer are the services'")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.classroom.vision"));
    }
}
