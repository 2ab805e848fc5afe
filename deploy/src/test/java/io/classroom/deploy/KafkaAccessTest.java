package io.classroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Least privilege on Kafka: every service's user may read exactly the topics it consumes (and its consumer groups)
 * and write exactly the topics it produces and its dead-letter topics, in docker compose (kafka-acls.txt) and in
 * Kubernetes (KafkaUser resources), as read from the services' own configuration.
 */
class KafkaAccessTest {

    private static final Pattern TOPIC = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");

    @Test
    void composeGrantsEachServiceExactlyWhatItsChannelsNeed() throws IOException {
        Map<String, Set<String>> granted = new HashMap<>();
        for (String line : Files.readAllLines(ServiceModule.repoRoot().resolve("deploy/compose/kafka-acls.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.trim().split("\\s+");
            granted.computeIfAbsent(columns[0], user -> new TreeSet<>()).add(columns[1] + " " + columns[2]);
        }
        for (ServiceModule module : ServiceModule.all()) {
            assertThat(granted.get(module.name())).as(module.name()).isEqualTo(needed(module));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesGrantsEachServiceExactlyWhatItsChannelsNeed() throws IOException {
        Map<String, Set<String>> granted = new HashMap<>();
        var users = Files.readString(ServiceModule.repoRoot().resolve("deploy/k8s/base/kafka/users.yaml"));
        for (Object document : new Yaml().loadAll(users)) {
            var user = (Map<String, Object>) document;
            var name = ((Map<String, Object>) user.get("metadata")).get("name").toString();
            var acls = (List<Map<String, Object>>) KubernetesManifestsTest.path(user, "spec", "authorization", "acls");
            if (!name.endsWith("-service-kafka")) {
                // not a service (KEDA reading the lag): it may look, never read or write
                assertThat(acls)
                        .as(name)
                        .allSatisfy(acl ->
                                assertThat((List<String>) acl.get("operations")).containsOnly("Describe"));
                continue;
            }
            var rules = new TreeSet<String>();
            for (var acl : acls) {
                var resource = (Map<String, Object>) acl.get("resource");
                var operations = (List<String>) acl.get("operations");
                assertThat(operations).as(name).hasSize(2).contains("Describe");
                String operation = operations.stream()
                        .filter(o -> !o.equals("Describe"))
                        .findFirst()
                        .orElseThrow();
                String target = resource.get("type").equals("group")
                        ? "group:" + resource.get("name") + "*"
                        : "topic:" + resource.get("name");
                rules.add(operation + " " + target);
            }
            granted.put(name, rules);
        }
        for (ServiceModule module : ServiceModule.all()) {
            assertThat(granted.get(module.name() + "-kafka")).as(module.name()).isEqualTo(needed(module));
        }
    }

    /** "Read topic:x", "Write topic:y", "Read group:<service>*" as the service's channels use them. */
    private static Set<String> needed(ServiceModule module) throws IOException {
        var config = new Properties();
        try (Reader reader =
                Files.newBufferedReader(module.dir().resolve("src/main/resources/application.properties"))) {
            config.load(reader);
        }
        var rules = new TreeSet<String>();
        for (String key : config.stringPropertyNames()) {
            var matcher = TOPIC.matcher(key);
            if (!matcher.matches()) {
                continue;
            }
            String prefix = "mp.messaging." + matcher.group(1) + "." + matcher.group(2) + ".";
            if (matcher.group(1).equals("incoming")) {
                rules.add("Read topic:" + config.getProperty(key));
                rules.add("Write topic:" + config.getProperty(prefix + "dead-letter-queue.topic"));
                String group = config.getProperty(prefix + "group.id");
                assertThat(group).as("%s: group of %s", module.name(), key).startsWith(module.name());
                rules.add("Read group:" + module.name() + "*");
            } else {
                rules.add("Write topic:" + config.getProperty(key));
            }
        }
        return rules;
    }
}
