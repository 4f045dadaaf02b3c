package io.gantry.workload;

import io.gantry.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.SQLDialect;

/** The upgrade on PostgreSQL: each test on a database of its own on the shared embedded server. */
class WorkloadMigrationPostgresTest extends WorkloadMigrationContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String name;

    @Override
    DataSource emptyDatabase() throws SQLException {
        name = "upgrade_" + DATABASES.incrementAndGet();
        administer("DROP DATABASE IF EXISTS " + name);
        administer("CREATE DATABASE " + name);
        return EmbeddedPostgres.server().getDatabase("postgres", name);
    }

    @Override
    void discard(DataSource database) throws SQLException {
        administer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void administer(String sql) throws SQLException {
        try (Connection c = EmbeddedPostgres.server().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    SQLDialect dialect() {
        return SQLDialect.POSTGRES;
    }
}
