package io.gantry.project;

import io.gantry.billing.LedgerType;
import io.gantry.billing.Wallets;
import io.gantry.billing.money.Money;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.TestAccounts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Test-data builder for projects; needs a platform admin signed in. */
public final class TestProjects {

    /** What a funded project's wallet starts with: far more than any test's work costs. */
    public static final String FUNDS = "1000000";

    private final ProjectService projects;
    private final Wallets wallets;

    public TestProjects(ProjectService projects) {
        this(projects, null);
    }

    private TestProjects(ProjectService projects, Wallets wallets) {
        this.projects = projects;
        this.wallets = wallets;
    }

    /** A builder whose projects start with {@link #FUNDS} in their wallet, so that their work can be ordered. */
    public TestProjects funded(Wallets wallets) {
        return new TestProjects(projects, wallets);
    }

    /** An open project with these quotas and members (role MEMBER); the signed-in admin is its manager. */
    public long create(List<Quota> quotas, long... members) {
        long id = projects.create(new ProjectForm(TestAccounts.uniqueName("tp"), null, LocalDate.now().minusDays(1),
                LocalDate.now().plusDays(30), ProjectLimits.NONE, quotas), Set.of(CurrentUser.get().orElseThrow().id()));
        for (long member : members) {
            projects.addMembers(id, Set.of(member), ProjectRole.MEMBER);
        }
        if (wallets != null) {
            fund(wallets, id);
        }
        return id;
    }

    /** Tops up the project's wallet with {@link #FUNDS}. */
    public static void fund(Wallets wallets, long projectId) {
        wallets.credit(projectId, LedgerType.TOP_UP, new Money(new BigDecimal(FUNDS), wallets.currency()), "test funds",
                null);
    }

    /** Takes back every quota granted so far, so that a test can grant the shared capacity from zero. */
    public void releaseAllQuotas() {
        for (var overview : projects.visible()) {
            var p = overview.project();
            projects.update(p.id(), new ProjectForm(p.name(), p.description(), p.startDate(), p.endDate(), p.limits(),
                    List.of()));
        }
    }
}
