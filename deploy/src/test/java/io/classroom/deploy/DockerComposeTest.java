package io.classroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so docker-compose.yml is checked structurally against the services themselves. */
class DockerComposeTest {

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        try (Reader reader = Files.newBufferedReader(ServiceModule.repoRoot().resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void infrastructureUsesRealServerImages() {
        assertThat(services).containsKeys("kafka", "postgres", "redis", "mongo");
        assertThat(services.get("mongo").get("image").toString()).startsWith("mongo:");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        for (String infra : List.of("kafka", "postgres", "redis", "mongo")) {
            assertThat(profiles(infra)).as(infra).containsExactly("infra");
        }
    }

    @Test
    void everyServiceIsBuiltFromItsOwnDockerfileOnItsPort() throws IOException {
        for (ServiceModule module : ServiceModule.all()) {
            var service = services.get(module.name());
            assertThat(service).as("compose service " + module.name()).isNotNull();
            assertThat(profiles(module.name())).containsExactly("apps");

            @SuppressWarnings("unchecked")
            var build = (Map<String, String>) service.get("build");
            assertThat(build.get("context")).isEqualTo("./" + module.name());
            var dockerfile = module.dir().resolve(build.get("dockerfile"));
            assertThat(dockerfile).exists();
            assertThat(Files.readString(dockerfile)).contains("EXPOSE " + module.port());
            // Reached through the gateway only: nothing of a service is published on the host.
            assertThat(service).doesNotContainKey("ports");
            assertThat(service.get("expose")).asList().containsExactly(String.valueOf(module.port()));
        }
    }

    @Test
    void onlyTheGatewayIsPublishedAndOnLoopbackByDefault() {
        services.forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(service).as(name).doesNotContainKey("ports");
            }
        });
        assertThat(services.get("gateway").get("ports"))
                .asList()
                .containsExactly("${GATEWAY_BIND:-127.0.0.1}:8080:8080");
    }

    @Test
    void everySecretMustBeGivenAndEveryServiceAuthenticatesToKafka() throws IOException {
        String compose = Files.readString(ServiceModule.repoRoot().resolve("docker-compose.yml"));
        // A secret never has a default value: `${X:-default}` only for settings that are not secret.
        assertThat(compose).doesNotContainPattern("(?i)\\$\\{[A-Z_]*(PASSWORD|KEY)[A-Z_]*:-");
        for (ServiceModule module : ServiceModule.all()) {
            var environment = environment(module.name());
            assertThat(environment.get("KAFKA_SASL_JAAS_CONFIG").toString())
                    .as(module.name())
                    .contains("ScramLoginModule")
                    .contains("username=\"" + module.name() + "\"");
        }
    }

    @Test
    void everyConnectionSettingComesFromTheEnvironment() throws IOException {
        for (ServiceModule module : ServiceModule.all()) {
            var environment = environment(module.name());
            assertThat(module.localConnectionSettings()).as(module.name()).isNotEmpty();
            for (String property : module.localConnectionSettings().keySet()) {
                assertThat(environment)
                        .as("%s sets %s", module.name(), property)
                        .containsKey(ServiceModule.envName(property));
            }
        }
    }

    @Test
    void gatewayRoutesToEveryServicePort() throws IOException {
        var environment = environment("gateway");
        assertThat(profiles("gateway")).containsExactly("apps");
        for (ServiceModule module : ServiceModule.all()) {
            assertThat(environment).containsValue(module.name() + ":" + module.port());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> profiles(String service) {
        return (List<String>) services.get(service).get("profiles");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services.get(service).get("environment");
    }
}
