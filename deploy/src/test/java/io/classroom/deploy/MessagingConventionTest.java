package io.classroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The messaging convention of CONTRIBUTING.md, checked in every service's configuration: channel names, the
 * dead-letter set-up of every incoming channel, and dead-letter topics that exist locally, in Kubernetes (checked by
 * KubernetesManifestsTest against topics.txt) and in the README's topic table.
 */
class MessagingConventionTest {

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");

    @Test
    void everyChannelIsNamedAfterItsTopicAndEveryIncomingOneHasItsDeadLetterTopic() throws IOException {
        Set<String> deadLetterTopics = new TreeSet<>();
        for (ServiceModule module : ServiceModule.all()) {
            var config = properties(module);
            String service = config.getProperty("quarkus.application.name");
            for (String key : config.stringPropertyNames()) {
                var matcher = CHANNEL.matcher(key);
                if (!matcher.matches()) {
                    continue;
                }
                String direction = matcher.group(1);
                String channel = matcher.group(2);
                String topic = config.getProperty(key);
                String stem = topic.replaceFirst("\\.v\\d+$", "").replace('.', '-');
                assertThat(channel)
                        .as("%s: channel of %s", service, topic)
                        .isEqualTo(stem + (direction.equals("incoming") ? "-in" : "-out"));
                if (direction.equals("incoming")) {
                    String prefix = "mp.messaging.incoming." + channel + ".";
                    assertThat(config.getProperty(prefix + "value.deserializer"))
                            .as("%s: %s reads typed, validated events", service, channel)
                            .startsWith("io.classroom.");
                    assertThat(config.getProperty(prefix + "fail-on-deserialization-failure"))
                            .as("%s: %s", service, channel)
                            .isEqualTo("false");
                    assertThat(config.getProperty(prefix + "failure-strategy"))
                            .as("%s: %s", service, channel)
                            .isEqualTo("dead-letter-queue");
                    String deadLetters = config.getProperty(prefix + "dead-letter-queue.topic");
                    assertThat(deadLetters).as("%s: %s", service, channel).isEqualTo(topic + "." + service + ".dlq");
                    deadLetterTopics.add(deadLetters);
                }
            }
        }
        assertThat(deadLetterTopics).isNotEmpty();
        assertThat(localTopics()).containsAll(deadLetterTopics);
        String readme = Files.readString(ServiceModule.repoRoot().resolve("README.md"));
        assertThat(deadLetterTopics).allSatisfy(topic -> assertThat(readme).contains(topic));
    }

    private static Properties properties(ServiceModule module) throws IOException {
        var properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(module.dir().resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<String> localTopics() throws IOException {
        return Files.readAllLines(ServiceModule.repoRoot().resolve("deploy/local/topics.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+")[0])
                .toList();
    }
}
