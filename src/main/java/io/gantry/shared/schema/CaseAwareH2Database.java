package io.gantry.shared.schema;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import liquibase.CatalogAndSchema;
import liquibase.database.DatabaseConnection;
import liquibase.database.core.H2Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.UnexpectedLiquibaseException;

/**
 * Liquibase's H2 support as it should see Gantry's H2: Liquibase assumes that H2 stores unquoted names in upper case,
 * but Gantry's H2 runs with {@code DATABASE_TO_LOWER=TRUE} (PostgreSQL's habit, which the jOOQ classes rely on).
 * Liquibase then looks for {@code DATABASECHANGELOG}, finds nothing, and tries to create the {@code databasechangelog}
 * table that is already there: the second start of every H2 file database failed. Here the case comes from what
 * the connection reports, so the existing lower-case tables are found. Registered in
 * {@code META-INF/services/liquibase.database.Database}; wins over Liquibase's own by its priority.
 */
public class CaseAwareH2Database extends H2Database {

    @Override
    public int getPriority() {
        return super.getPriority() + 1;
    }

    /** Schema and catalog names take the same case as other names (Liquibase's H2 support assumes upper case). */
    @Override
    public CatalogAndSchema.CatalogAndSchemaCase getSchemaAndCatalogCase() {
        return Boolean.FALSE.equals(unquotedObjectsAreUppercased) ? CatalogAndSchema.CatalogAndSchemaCase.LOWER_CASE
                : super.getSchemaAndCatalogCase();
    }

    @Override
    public void setConnection(DatabaseConnection connection) {
        super.setConnection(connection);
        if (connection instanceof JdbcConnection jdbc && jdbc.getUnderlyingConnection() != null) {
            try {
                DatabaseMetaData metaData = jdbc.getUnderlyingConnection().getMetaData();
                if (metaData.storesLowerCaseIdentifiers()) {
                    unquotedObjectsAreUppercased = false;
                } else if (metaData.storesUpperCaseIdentifiers()) {
                    unquotedObjectsAreUppercased = true;
                } else {
                    // Names are kept as written (DATABASE_TO_UPPER=FALSE): Liquibase then corrects nothing.
                    unquotedObjectsAreUppercased = null;
                }
            } catch (SQLException e) {
                throw new UnexpectedLiquibaseException(e);
            }
        }
    }
}
