package io.gantry.audit;

import static io.gantry.db.Tables.OPERATION_LOG;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.OnPostgres;
import org.junit.jupiter.api.Test;

@OnPostgres
class OperationLogPostgresTest extends OperationLogContract {

    @Test
    void theDatabaseRefusesChangesToRecordedLines() {
        operationLog.recordAs("someone", "10.0.0.9", "auth.login", "user:someone", null);
        assertThatThrownBy(() -> db.update(OPERATION_LOG).set(OPERATION_LOG.DETAILS, "forged").execute())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.deleteFrom(OPERATION_LOG).execute()).hasMessageContaining("append-only");
    }
}
