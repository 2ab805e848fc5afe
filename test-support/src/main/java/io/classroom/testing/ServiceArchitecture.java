package io.classroom.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The package layering of CONTRIBUTING.md, the same for every service: {@code rest} and {@code websocket} (adapters)
 * → {@code service} → {@code repository}; {@code messaging} beside the services; {@code security} (the caller, role
 * names) and {@code error} (problem types and mappers) are leaves every layer may use; domain types at the root
 * depend on no layer.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES =
            List.of("auth", "classroom", "tracking", "vision", "ingest", "analytics");

    private ServiceArchitecture() {}

    /** Checks every rule against the main classes of {@code basePackage} (e.g. {@code io.classroom.tracking}). */
    public static void check(String basePackage) {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        rules(basePackage).forEach(rule -> rule.check(main));
    }

    static List<ArchRule> rules(String base) {
        String rest = base + ".rest..";
        String websocket = base + ".websocket..";
        String service = base + ".service..";
        String repository = base + ".repository..";
        String messaging = base + ".messaging..";
        String security = base + ".security..";
        String error = base + ".error..";
        var rules = new ArrayList<ArchRule>();
        rules.add(noClasses()
                .that()
                .resideInAPackage(service)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(rest, websocket)
                .because("services never take or return REST or WebSocket types"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(repository)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(rest, websocket, service, messaging)
                .because("repositories only store and query"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(messaging)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(rest, websocket)
                .because("consumers and producers work through services"));
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(rest, websocket)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(repository)
                .because("adapters go through services"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(rest)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(websocket)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage(messaging)
                .because("a resource is an adapter of services, not of other adapters"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(websocket)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(rest)
                .because("a WebSocket endpoint is an adapter of services, not of resources")
                .allowEmptyShould(true));
        rules.add(noClasses()
                .that()
                .resideInAnyPackage(security, error)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(rest, websocket, service, repository, messaging)
                .because("security and error are leaves every layer may use"));
        rules.add(noClasses()
                .that()
                .resideInAPackage(base)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(rest, websocket, service, repository, messaging)
                .because("domain types depend on no layer"));
        rules.add(classes()
                .that()
                .haveSimpleName("Caller")
                .should()
                .resideInAPackage(base + ".security")
                .allowEmptyShould(false));
        rules.add(classes()
                .that()
                .implement("jakarta.ws.rs.ext.ExceptionMapper")
                .should()
                .resideInAPackage(base + ".error")
                .allowEmptyShould(true));
        rules.add(methods()
                .that()
                .areAnnotatedWith("org.jboss.resteasy.reactive.server.ServerExceptionMapper")
                .should()
                .beDeclaredInClassesThat()
                .resideInAPackage(base + ".error")
                .allowEmptyShould(true));
        rules.add(classes()
                .that()
                .haveSimpleNameEndingWith("ProblemTypeDefaults")
                .or()
                .haveSimpleName("Problems")
                .should()
                .resideInAPackage(base + ".error")
                .allowEmptyShould(true));
        rules.add(classes()
                .that()
                .haveSimpleName("Roles")
                .should()
                .resideInAPackage(base + ".security")
                .allowEmptyShould(true));
        String own = base.substring(base.lastIndexOf('.') + 1);
        String[] otherServices = SERVICES.stream()
                .filter(s -> !s.equals(own))
                .flatMap(s -> Stream.of(base + "." + s + ".."))
                .toArray(String[]::new);
        rules.add(noClasses()
                .should()
                .resideInAnyPackage(otherServices)
                .because("a package named after another service invites confusion with it")
                .allowEmptyShould(true));
        return rules;
    }
}
