package io.classroom.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for a migration test, in the service's database, dropped afterwards. Arguments:
 * {@code database}, {@code user}, {@code password}, and optionally {@code scripts}: classpath SQL files run in the
 * schema before the service starts (for instance the previous version's schema and some of its data), where
 * {@code {schema}} stands for the schema's unique name (a marker for the data of this run). The service's JDBC (Flyway)
 * and reactive datasources are pointed at the schema, whose name is the config property {@code migration-test.schema}.
 */
public class FreshSchema implements QuarkusTestResourceLifecycleManager {

    private final String schema =
            "migration_test_" + UUID.randomUUID().toString().replace("-", "");
    private String url;
    private String user;
    private String password;
    private String[] scripts = {};

    @Override
    public void init(Map<String, String> args) {
        url = "jdbc:postgresql://127.0.0.1:5432/" + args.get("database");
        user = args.get("user");
        password = args.get("password");
        if (args.containsKey("scripts")) {
            scripts = args.get("scripts").split(",");
        }
    }

    @Override
    public Map<String, String> start() {
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.createStatement().execute("CREATE SCHEMA " + schema);
            db.createStatement().execute("SET search_path TO " + schema);
            for (String script : scripts) {
                db.createStatement().execute(resource(script.trim()).replace("{schema}", schema));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare schema " + schema, e);
        }
        var config = new HashMap<String, String>();
        config.put("quarkus.datasource.jdbc.url", url + "?currentSchema=" + schema);
        config.put("quarkus.datasource.reactive.url", url.substring("jdbc:".length()) + "?search_path=" + schema);
        config.put("quarkus.flyway.schemas", schema);
        config.put("migration-test.schema", schema);
        return config;
    }

    @Override
    public void stop() {
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop schema " + schema, e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + path + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
