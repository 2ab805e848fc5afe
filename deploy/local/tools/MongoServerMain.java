import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs mongo-java-server as a stand-alone process for local development (the library has no CLI).
 *
 * <p>Run with the JDK's single-file source launcher:
 * {@code java -cp '<mongo libs>/*' MongoServerMain.java --port 27017 --data <file.mv> [--host 127.0.0.1]}.
 * Without {@code --data} the data lives in memory only.
 */
public final class MongoServerMain {

    private MongoServerMain() {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 27017;
        String data = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                case "--data" -> data = value(args, ++i, arg);
                default -> {
                    System.err.println("usage: MongoServerMain [--host H] [--port P] [--data FILE]");
                    System.exit(2);
                }
            }
        }

        MongoBackend backend;
        if (data != null) {
            Path file = Path.of(data).toAbsolutePath();
            Files.createDirectories(file.getParent());
            backend = new H2Backend(file.toString());
        } else {
            backend = new MemoryBackend();
        }
        // Driver 5.x refuses the default 3.6 wire version.
        backend.version(ServerVersion.MONGO_5_0);

        MongoServer server = new MongoServer(backend);
        // Change streams read the oplog.
        server.enableOplog();
        server.bind(host, port);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("mongo-java-server stopping");
                            // Closing the server closes the backend, which writes and closes the H2 file.
                            server.shutdown();
                            System.out.println("mongo-java-server stopped");
                            stopped.countDown();
                        },
                        "mongo-shutdown"));

        System.out.printf(
                "mongo-java-server listening on %s:%d (server version 5.0, oplog on, data %s)%n",
                host, port, data == null ? "in memory" : data);
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println("missing value for " + option);
            System.exit(2);
        }
        return args[i];
    }
}
