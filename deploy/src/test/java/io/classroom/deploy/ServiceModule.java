package io.classroom.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the deployment descriptors must agree with: a service module's name, port and connection settings. */
record ServiceModule(String name, Path dir, int port, Map<String, String> localConnectionSettings) {

    /** Settings that differ between local runs and deployments; deployments must set each through the environment. */
    private static final Pattern CONNECTION_KEY = Pattern.compile(
            "quarkus\\.datasource\\.(reactive\\.url|jdbc\\.url|username|password)|quarkus\\.redis\\.hosts"
                    + "|quarkus\\.mongodb\\.connection-string|kafka\\.bootstrap\\.servers|mp\\.jwt\\.verify\\.publickey\\.location");

    static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    static List<ServiceModule> all() throws IOException {
        try (Stream<Path> dirs = Files.list(repoRoot())) {
            return dirs.filter(dir -> dir.getFileName().toString().endsWith("-service"))
                    .filter(dir -> Files.exists(dir.resolve("pom.xml")))
                    .sorted()
                    .map(ServiceModule::load)
                    .toList();
        }
    }

    private static ServiceModule load(Path dir) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the configuration of " + dir, e);
        }
        Map<String, String> connection = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (key.startsWith("%")
                    && key.contains("local")
                    && CONNECTION_KEY.matcher(plain).matches()) {
                connection.put(plain, properties.getProperty(key));
            }
        }
        return new ServiceModule(
                dir.getFileName().toString(),
                dir,
                Integer.parseInt(properties.getProperty("quarkus.http.port")),
                connection);
    }

    /** The environment variable that overrides a property, as Quarkus maps them. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }
}
