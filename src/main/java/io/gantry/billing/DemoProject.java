package io.gantry.billing;

import static io.gantry.db.Tables.DEMO_PROJECT;

import io.gantry.billing.money.Money;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.Capacity;
import io.gantry.cluster.ClusterInventory;
import io.gantry.identity.UserDirectory;
import io.gantry.identity.UserRef;
import io.gantry.project.ProjectForm;
import io.gantry.project.ProjectLimits;
import io.gantry.project.Projects;
import io.gantry.project.Quota;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Currency;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first start's demo project (on with the embedded defaults, {@code gantry.billing.demo-project.enabled}): a
 * project {@value #NAME} open for a year, the built-in administrator its manager, a quota of up to one node's
 * devices of every spec the cluster has, and a wallet that starts with {@code gantry.billing.demo-credit} as a
 * DEMO_CREDIT line, so that a newcomer's first container can be ordered at once. Made only on a fresh installation
 * (no project yet), and only once: the replica that makes it claims the single row of {@code demo_project} in the
 * same transaction, so a restart or a second replica starting at the same time makes nothing. Runs after the
 * cluster's inventory is registered ({@code NodeRegistration}), whose nodes give the quotas.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "gantry.billing.demo-project.enabled", havingValue = "true")
class DemoProject implements ApplicationRunner {

    static final String NAME = "demo";
    /** The seeded note of the demo credit line; the wallet page shows it in the reader's language. */
    static final String NOTE = "Demo credit to try Gantry with; not paid money";
    /** One node's devices: the demo project leaves room on the demo cluster for projects of one's own. */
    static final int MOST_DEVICES = 8;

    private static final Logger log = LoggerFactory.getLogger(DemoProject.class);

    private final DSLContext db;
    private final Projects projects;
    private final ClusterInventory cluster;
    private final UserDirectory users;
    private final Wallets wallets;
    private final BillingProperties properties;
    private final Currency currency;
    private final Clock clock;
    private final String adminUsername;

    DemoProject(DSLContext db, Projects projects, ClusterInventory cluster, UserDirectory users, Wallets wallets,
                BillingProperties properties, Currency billingCurrency, Clock clock,
                @Value("${gantry.admin.username:admin}") String adminUsername) {
        this.db = db;
        this.projects = projects;
        this.cluster = cluster;
        this.users = users;
        this.wallets = wallets;
        this.properties = properties;
        this.currency = billingCurrency;
        this.clock = clock;
        this.adminUsername = adminUsername;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // The claim: a second replica's insert waits for this transaction and then finds the row.
        if (db.insertInto(DEMO_PROJECT).set(DEMO_PROJECT.ID, 1).set(DEMO_PROJECT.MADE_AT, clock.instant())
                .onConflictDoNothing().execute() == 0) {
            return;
        }
        if (projects.any()) {
            log.info("Projects exist already: no demo project is made");
            return;
        }
        Optional<Long> admin = users.search(adminUsername, List.of(), 0, 20).stream()
                .filter(u -> u.username().equals(adminUsername)).map(UserRef::id).findFirst();
        if (admin.isEmpty()) {
            log.warn("No administrator {} to manage the demo project: none is made", adminUsername);
            return;
        }
        LocalDate today = projects.today();
        long projectId = projects.createAsPlatform(new ProjectForm(NAME, null, today, today.plusYears(1),
                ProjectLimits.NONE, quotas()), admin.get());
        db.update(DEMO_PROJECT).set(DEMO_PROJECT.PROJECT_ID, projectId).where(DEMO_PROJECT.ID.eq(1)).execute();
        Money credit = Money.rounded(properties.demoCredit(), currency);
        if (credit.amount().signum() > 0) {
            wallets.credit(projectId, LedgerType.DEMO_CREDIT, credit, NOTE, null);
        }
        log.info("Made the demo project {} with {} of demo credit; {} manages it", NAME, credit, adminUsername);
    }

    private List<Quota> quotas() {
        Map<Long, Capacity> capacity = cluster.capacity();
        List<Quota> quotas = new ArrayList<>();
        for (AcceleratorSpec spec : cluster.specs()) {
            Capacity room = capacity.get(spec.id());
            if (room != null && room.devices() > 0) {
                quotas.add(new Quota(spec.id(), Math.min(MOST_DEVICES, room.devices()), null));
            }
        }
        return quotas;
    }
}
