package io.classroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** Renders every Kustomize overlay offline and checks the result against the services themselves. */
class KubernetesManifestsTest {

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(ServiceModule.repoRoot().resolve("deploy/k8s/overlays"))) {
            return dirs.map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayRendersAndMatchesTheServices(String overlay) throws Exception {
        var rendered = new Rendered(render(overlay));
        for (ServiceModule module : ServiceModule.all()) {
            var container = rendered.container(module.name());
            assertThat(container.get("image").toString()).contains("/" + module.name() + ":");
            assertThat(path(container, "ports", 0, "containerPort")).isEqualTo(module.port());
            assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
            assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
            assertThat(path(container, "securityContext", "readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(path(
                            rendered.get("Deployment", module.name()),
                            "spec",
                            "template",
                            "spec",
                            "securityContext",
                            "runAsNonRoot"))
                    .isEqualTo(true);
            assertThat(path(rendered.get("Service", module.name()), "spec", "ports", 0, "port"))
                    .isEqualTo(module.port());
            assertThat(rendered.find("PodDisruptionBudget", module.name()))
                    .as("PDB of " + module.name())
                    .isNotNull();
            assertThat(rendered.find("HorizontalPodAutoscaler", module.name()) != null
                            || rendered.find("ScaledObject", module.name()) != null)
                    .as("autoscaling of " + module.name())
                    .isTrue();

            assertThat(rendered.environmentFromConfigMaps(container))
                    .as("%s exports its traces to the overlay's collector", module.name())
                    .contains("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");

            var configured = new HashSet<>(rendered.configMapKeys(module.name()));
            configured.addAll(secretTemplateKeys(module.name()));
            for (String property : module.localConnectionSettings().keySet()) {
                assertThat(configured)
                        .as("%s sets %s", module.name(), property)
                        .contains(ServiceModule.envName(property));
            }
            assertThat(rendered.routedPorts())
                    .as("HTTPRoute to " + module.name())
                    .contains(module.name() + ":" + module.port());
        }
        assertThat(rendered.topicNames()).containsAll(localTopics());
    }

    private static String render(String overlay) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", "deploy/k8s/overlays/" + overlay)
                    .directory(ServiceModule.repoRoot().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "kubectl is not installed: the overlays cannot be rendered here");
            throw notInstalled;
        }
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(output).isZero();
        return output;
    }

    private static Set<String> secretTemplateKeys(String service) throws IOException {
        var template = ServiceModule.repoRoot().resolve("deploy/k8s/base/" + service + "/secret.example.yaml");
        Map<String, Object> secret = new Yaml().load(Files.readString(template));
        @SuppressWarnings("unchecked")
        var data = (Map<String, Object>) secret.get("stringData");
        return data == null ? Set.of() : data.keySet();
    }

    private static List<String> localTopics() throws IOException {
        return Files.readAllLines(ServiceModule.repoRoot().resolve("deploy/local/topics.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+")[0])
                .toList();
    }

    /** Walks nested maps and lists: keys for maps, indexes for lists. */
    @SuppressWarnings("unchecked")
    static Object path(Object node, Object... steps) {
        for (Object step : steps) {
            assertThat(node).as("missing %s", step).isNotNull();
            node = step instanceof Integer index
                    ? ((List<Object>) node).get(index)
                    : ((Map<String, Object>) node).get(step);
        }
        return node;
    }

    private record Rendered(List<Map<String, Object>> objects) {

        @SuppressWarnings("unchecked")
        Rendered(String yaml) {
            this(new ArrayList<>());
            for (Object document : new Yaml().loadAll(yaml)) {
                if (document != null) {
                    objects.add((Map<String, Object>) document);
                }
            }
        }

        Map<String, Object> find(String kind, String name) {
            return objects.stream()
                    .filter(o -> kind.equals(o.get("kind")) && name.equals(path(o, "metadata", "name")))
                    .findFirst()
                    .orElse(null);
        }

        Map<String, Object> get(String kind, String name) {
            var found = find(kind, name);
            assertThat(found).as(kind + " " + name).isNotNull();
            return found;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> container(String name) {
            return (Map<String, Object>) path(get("Deployment", name), "spec", "template", "spec", "containers", 0);
        }

        @SuppressWarnings("unchecked")
        Set<String> configMapKeys(String name) {
            return ((Map<String, Object>) get("ConfigMap", name).get("data")).keySet();
        }

        /** The variables a container takes from the ConfigMaps it names in envFrom. */
        @SuppressWarnings("unchecked")
        Set<String> environmentFromConfigMaps(Map<String, Object> container) {
            Set<String> keys = new HashSet<>();
            for (var source : (List<Map<String, Object>>) container.get("envFrom")) {
                var configMap = (Map<String, Object>) source.get("configMapRef");
                if (configMap != null) {
                    keys.addAll(configMapKeys(configMap.get("name").toString()));
                }
            }
            return keys;
        }

        @SuppressWarnings("unchecked")
        Set<String> routedPorts() {
            Set<String> ports = new HashSet<>();
            objects.stream().filter(o -> "HTTPRoute".equals(o.get("kind"))).forEach(route -> {
                for (var rule : (List<Map<String, Object>>) path(route, "spec", "rules")) {
                    for (var backend : (List<Map<String, Object>>) rule.get("backendRefs")) {
                        ports.add(backend.get("name") + ":" + backend.get("port"));
                    }
                }
            });
            return ports;
        }

        Set<String> topicNames() {
            Set<String> names = new HashSet<>();
            objects.stream()
                    .filter(o -> "KafkaTopic".equals(o.get("kind")))
                    .forEach(topic -> names.add(path(topic, "spec", "topicName").toString()));
            return names;
        }
    }
}
