package io.gantry.shared;

import static io.gantry.identity.TestAccounts.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.OnH2;
import io.gantry.audit.OperationLog;
import io.gantry.audit.OperationLogQuery;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.PresetRole;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.TestAccounts;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.ProjectService;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's own work in the running application: it passes the services' method security with the
 * application's own security context strategy, is written to the operation log as the system, and leaves the
 * caller's sign-in as it was.
 */
@OnH2
class SystemTaskInTheApplicationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    SystemTask system;
    @Autowired
    ProjectService projects;
    @Autowired
    OperationLog operationLog;
    @Autowired
    PlatformTransactionManager transactions;

    TestAccounts accounts;
    String annotator;

    @BeforeEach
    void anAnnotatorIsSignedIn() {
        accounts = new TestAccounts(context);
        annotator = uniqueName("sys");
        accounts.create(annotator, PresetRole.ANNOTATOR);
        accounts.signInAs(annotator);
    }

    @AfterEach
    void signOut() {
        accounts.signOut();
    }

    @Test
    void theSystemPassesChecksItsCallerWouldFailAndTheCallerStaysWhoTheyWere() {
        assertThatThrownBy(() -> projects.all()).isInstanceOf(AccessDeniedException.class);

        var all = system.run(() -> projects.all());

        assertThat(all).isNotNull();
        assertThat(CurrentUser.get()).map(SignedInUser::username).contains(annotator);
        assertThat(system.isCurrent()).isFalse();
        assertThatThrownBy(() -> projects.all()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aChangeTheSystemMakesIsLoggedUnderTheSystemsName() {
        String name = uniqueName("by-system");
        long manager = accounts.create(uniqueName("mgr"), PresetRole.USER);
        system.run(() -> projects.create(new ProjectForm(name, null, LocalDate.now(), LocalDate.now().plusDays(1),
                ProjectLimits.NONE, List.of()), Set.of(manager)));

        accounts.signInAsAdmin();
        assertThat(operationLog.find(new OperationLogQuery(null, null, name), 0, 10)).singleElement()
                .satisfies(line -> {
                    assertThat(line.action()).isEqualTo("project.create");
                    assertThat(line.username()).isEqualTo(SystemTask.SYSTEM);
                });
    }

    @Test
    void aCallerHoldingATransactionCannotStartIt() {
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx ->
                system.run(() -> projects.all()))).isInstanceOf(IllegalStateException.class);
    }
}
