package io.tandem.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Makes sure the real PostgreSQL has the test database ({@link TestDatabase}, one per checkout); Flyway cleans and
 * migrates it when the app starts.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String host = env("TANDEM_DB_HOST", "127.0.0.1");
        String port = env("TANDEM_DB_PORT", "5432");
        String user = env("TANDEM_DB_USER", "postgres");
        String password = env("TANDEM_DB_PASSWORD", "");
        String database = TestDatabase.name();
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
            if (!rs.next()) {
                st.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is not reachable as " + user
                    + "; start it (see README) or set TANDEM_DB_HOST/PORT/USER/PASSWORD", e);
        }
        return Map.of("TANDEM_TEST_DB_NAME", database); // application.properties' %test datasource URLs use it
    }

    @Override
    public void stop() {}

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
