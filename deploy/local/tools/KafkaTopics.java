import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics listed in a topics file (name, partitions, optional key=value configs) if they are missing, and
 * sets the listed configs on topics that exist (a compaction or retention change reaches a broker that kept its
 * data). One JVM for all topics: much faster than one kafka-topics call per topic.
 *
 * <p>{@code java -cp '<kafka libs>/*' KafkaTopics.java --bootstrap 127.0.0.1:9092 --file deploy/local/topics.txt}
 */
public final class KafkaTopics {

    private KafkaTopics() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = "127.0.0.1:9092";
        Path file = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[i + 1];
                case "--file" -> file = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: KafkaTopics --bootstrap HOST:PORT --file TOPICS");
        }

        List<NewTopic> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String text = line.replaceFirst("#.*", "").trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] cols = text.split("\\s+");
            Map<String, String> configs = new HashMap<>();
            if (cols.length > 2) {
                for (String kv : cols[2].split(",")) {
                    String[] pair = kv.split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
            }
            wanted.add(new NewTopic(cols[0], Integer.parseInt(cols[1]), (short) 1).configs(configs));
        }

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing =
                    wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            var results = admin.createTopics(missing).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(20, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    // Another client may have created it meanwhile (auto-create is on): that is fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<ConfigResource, Collection<AlterConfigOp>> updates = new HashMap<>();
            for (NewTopic topic : wanted) {
                if (existing.contains(topic.name()) && !topic.configs().isEmpty()) {
                    updates.put(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
                            topic.configs().entrySet().stream()
                                    .map(c -> new AlterConfigOp(
                                            new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                                    .toList());
                }
            }
            admin.incrementalAlterConfigs(updates).all().get(20, TimeUnit.SECONDS);
            System.out.printf(
                    "topics: %d wanted, %d created%s, %d already there%n",
                    wanted.size(),
                    created.size(),
                    created.isEmpty() ? "" : " " + created,
                    wanted.size() - created.size());
        }
    }
}
