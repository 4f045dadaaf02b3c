package io.gantry.workload;

import io.gantry.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Kubernetes-mode context at a database of its own on the test JVM's PostgreSQL server, apart from the
 * local-mode contexts' one: their workloads and nodes are none of its runtime's business.
 */
class KubernetesPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String DATABASE = "gantry_kubernetes";

    /** Its JDBC URL, the database made on first use. */
    static synchronized String url() {
        var server = EmbeddedPostgres.server();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            boolean exists;
            try (var result = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE
                    + "'")) {
                exists = result.next();
            }
            if (!exists) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the database " + DATABASE, e);
        }
        return server.getJdbcUrl("postgres", DATABASE);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=" + url(),
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "gantry.secret-key=" + EmbeddedPostgres.SECRET_KEY,
                "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                        + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate").applyTo(context);
    }
}
