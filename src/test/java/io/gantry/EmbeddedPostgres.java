package io.gantry;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts one real PostgreSQL server for the test JVM and points the application's data source at it. */
public class EmbeddedPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The key every replica on this database shares, as production sets GANTRY_SECRET_KEY; for tests only. */
    public static final String SECRET_KEY = "dGVzdHMtb25seS1zZWNyZXQta2V5LTMyLWJ5dGVzISE=";

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // The JVM is ending; the server's directory is temporary.
                }
            }));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var postgres = server();
        TestPropertyValues.of(
                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=",
                "gantry.secret-key=" + SECRET_KEY,
                "spring.quartz.properties.org.quartz.jobStore.driverDelegateClass="
                        + "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate").applyTo(context);
    }
}
