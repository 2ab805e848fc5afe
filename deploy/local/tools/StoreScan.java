import com.mongodb.client.MongoClients;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Looks for a person in every store of the local suite: each table of the four PostgreSQL databases, each collection
 * of the two MongoDB databases, every Redis key and value, and the values on the compacted topics. Prints one line
 * per place a needle is found and exits 1 when there is any; the erasure check (security_check.py) runs it after
 * deleting a student. Needles are matched case-insensitively.
 *
 * <p>{@code java -cp '<scan libs>/*:<kafka libs>/*' StoreScan.java --needle <id> --needle <email> ...
 * [--topic-needle <email> ...] [--faces-key <user id>]}: {@code --needle} is searched in the stores,
 * {@code --topic-needle} in the compacted topics' values (a UserDeleted names the user id by design), and a
 * {@code --faces-key} record with a value on {@code vision.faces.v1} is an embedding still there.
 */
public final class StoreScan {

    private static final List<String> POSTGRES = List.of("auth", "tracking", "vision", "ingest");
    private static final List<String> MONGO = List.of("classroom", "analytics");
    private static final List<String> COMPACTED = List.of("auth.users.v1", "vision.faces.v1");

    private final List<String> needles = new ArrayList<>();
    private final List<String> topicNeedles = new ArrayList<>();
    private final List<String> found = new ArrayList<>();
    private String facesKey;

    private StoreScan() {}

    public static void main(String[] args) throws Exception {
        var scan = new StoreScan();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--needle" -> scan.needles.add(args[i + 1].toLowerCase(Locale.ROOT));
                case "--topic-needle" -> scan.topicNeedles.add(args[i + 1].toLowerCase(Locale.ROOT));
                case "--faces-key" -> scan.facesKey = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        scan.postgres();
        scan.mongo();
        scan.redis();
        scan.topics();
        scan.found.forEach(System.out::println);
        System.exit(scan.found.isEmpty() ? 0 : 1);
    }

    private void postgres() throws SQLException {
        for (String database : POSTGRES) {
            try (var db = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:5432/" + database, database, database)) {
                var tables = new ArrayList<String>();
                try (var rows = db.createStatement()
                        .executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
                                + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
                                + " AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    for (String needle : needles) {
                        try (var query = db.prepareStatement(
                                "SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?")) {
                            query.setString(1, "%" + needle + "%");
                            try (var count = query.executeQuery()) {
                                count.next();
                                if (count.getLong(1) > 0) {
                                    found.add("postgresql " + database + " " + table + ": " + count.getLong(1)
                                            + " row(s) with " + needle);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void mongo() {
        try (var client = MongoClients.create("mongodb://127.0.0.1:27017")) {
            for (String database : MONGO) {
                var db = client.getDatabase(database);
                for (String collection : db.listCollectionNames()) {
                    for (var document : db.getCollection(collection).find()) {
                        var text = document.toJson().toLowerCase(Locale.ROOT);
                        for (String needle : needles) {
                            if (text.contains(needle)) {
                                found.add("mongodb " + database + "." + collection + " " + document.get("_id")
                                        + ": " + needle);
                            }
                        }
                    }
                }
            }
        }
    }

    private void redis() throws IOException {
        try (var redis = new Redis("127.0.0.1", 6379)) {
            String cursor = "0";
            do {
                var page = redis.call("SCAN", cursor, "COUNT", "1000");
                cursor = (String) page.get(0);
                @SuppressWarnings("unchecked")
                var keys = (List<Object>) page.get(1);
                for (Object key : keys) {
                    var text = new StringBuilder(key.toString());
                    switch ((String) redis.one("TYPE", key.toString())) {
                        case "string" -> text.append(' ').append(redis.one("GET", key.toString()));
                        case "hash" -> text.append(' ').append(redis.call("HGETALL", key.toString()));
                        case "set" -> text.append(' ').append(redis.call("SMEMBERS", key.toString()));
                        case "list" -> text.append(' ').append(redis.call("LRANGE", key.toString(), "0", "-1"));
                        case "zset" -> text.append(' ').append(redis.call("ZRANGE", key.toString(), "0", "-1"));
                        default -> {
                            // streams and others: the key name only
                        }
                    }
                    var lower = text.toString().toLowerCase(Locale.ROOT);
                    for (String needle : needles) {
                        if (lower.contains(needle)) {
                            found.add("redis " + key + ": " + needle);
                        }
                    }
                }
            } while (!cursor.equals("0"));
        }
    }

    private void topics() {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            for (String topic : COMPACTED) {
                var partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                var end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (var record : consumer.poll(Duration.ofSeconds(1))) {
                        if (record.value() == null) {
                            continue; // a tombstone: the key only
                        }
                        if (topic.equals("vision.faces.v1") && record.key().equals(facesKey)) {
                            found.add(topic + " offset " + record.offset() + ": a face set of " + facesKey);
                        }
                        var value = record.value().toLowerCase(Locale.ROOT);
                        for (String needle : topicNeedles) {
                            if (value.contains(needle)) {
                                found.add(topic + " offset " + record.offset() + ": " + needle);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Just enough RESP for SCAN and reads. */
    private static final class Redis implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Redis(String host, int port) throws IOException {
            socket = new Socket(host, port);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        }

        Object one(String... command) throws IOException {
            send(command);
            return read();
        }

        @SuppressWarnings("unchecked")
        List<Object> call(String... command) throws IOException {
            send(command);
            return (List<Object>) read();
        }

        private void send(String... command) throws IOException {
            var request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                request.append('$')
                        .append(part.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(part)
                        .append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private Object read() throws IOException {
            int type = in.read();
            String line = line();
            return switch (type) {
                case '+', ':' -> line;
                case '-' -> throw new IOException("redis: " + line);
                case '$' -> {
                    int length = Integer.parseInt(line);
                    if (length < 0) {
                        yield null;
                    }
                    byte[] data = in.readNBytes(length);
                    line();
                    yield new String(data, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int count = Integer.parseInt(line);
                    var items = new ArrayList<Object>();
                    for (int i = 0; i < count; i++) {
                        items.add(read());
                    }
                    yield items;
                }
                default -> throw new IOException("redis: unexpected reply type " + (char) type);
            };
        }

        private String line() throws IOException {
            var text = new StringBuilder();
            for (int c = in.read(); c != '\r'; c = in.read()) {
                text.append((char) c);
            }
            in.read();
            return text.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
