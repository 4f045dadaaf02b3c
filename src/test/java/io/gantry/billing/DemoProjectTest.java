package io.gantry.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.GantryApplication;
import io.gantry.cluster.AcceleratorSpec;
import io.gantry.cluster.ClusterService;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.container.ContainerService;
import io.gantry.identity.TestAccounts;
import io.gantry.project.Project;
import io.gantry.project.ProjectOverview;
import io.gantry.project.ProjectRole;
import io.gantry.project.ProjectService;
import io.gantry.project.Quota;
import io.gantry.workload.Phase;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first start's demo project, on a database of its own with the switch on (the test profile has it off): made
 * once with its demo credit, never again by a restart or a second replica, and ready for the administrator's first
 * container.
 */
class DemoProjectTest {

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GantryApplication.class).profiles("test")
                .run("--server.port=0", "--gantry.billing.demo-project.enabled=true",
                        "--gantry.billing.demo-credit=1000",
                        "--spring.datasource.url=jdbc:h2:mem:gantry-demo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    @Test
    void theFirstStartMakesTheDemoProjectOnceAndTheAdministratorCanOrderInIt() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            TestAccounts accounts = new TestAccounts(first);
            accounts.signInAsAdmin();
            ProjectService projects = first.getBean(ProjectService.class);
            WalletService wallets = first.getBean(WalletService.class);
            ProjectOverview demo = projects.visible().stream().filter(p -> p.project().name().equals("demo"))
                    .findFirst().orElseThrow();
            Project project = demo.project();
            assertThat(projects.visible()).hasSize(1);
            assertThat(projects.myRole(project.id())).contains(ProjectRole.MANAGER);
            LocalDate today = LocalDate.now(ZoneId.systemDefault());
            assertThat(project.startDate()).isBetween(today.minusDays(1), today.plusDays(1));
            assertThat(project.endDate()).isEqualTo(project.startDate().plusYears(1));
            ClusterService cluster = first.getBean(ClusterService.class);
            List<AcceleratorSpec> demoSpecs = cluster.specs().stream()
                    .filter(s -> List.of("nvidia-a100-80g", "huawei-ascend910").contains(s.name())).toList();
            assertThat(projects.quotas(project.id())).extracting(Quota::specId, Quota::devices)
                    .contains(demoSpecs.stream().map(s -> org.assertj.core.groups.Tuple.tuple(s.id(), 8)).toArray(
                            org.assertj.core.groups.Tuple[]::new));

            WalletSummary wallet = wallets.summary(project.id());
            assertThat(wallet.balance().amount()).isEqualByComparingTo("1000");
            assertThat(wallet.demoCreditLeft().amount()).isEqualByComparingTo("1000");
            assertThat(wallets.ledger(project.id(), LedgerFilter.ALL, 0, 10)).singleElement().satisfies(line -> {
                assertThat(line.type()).isEqualTo(LedgerType.DEMO_CREDIT);
                assertThat(line.note()).isEqualTo(DemoProject.NOTE);
                // Stored in English, shown in the reader's language (SeededTexts) as long as it is the seeded text.
                assertThat(DemoProject.NOTE).isEqualTo(first.getBean(com.vaadin.flow.i18n.I18NProvider.class)
                        .getTranslation("seeded.demo-credit", java.util.Locale.ENGLISH));
                assertThat(line.createdBy()).isNull();
            });

            // The administrator's first container, once the workspace is activated (the one step every user takes,
            // AI-Stack 八.1): member, quota and balance are there.
            accounts.activate(accounts.signInAsAdmin().id());
            AcceleratorSpec a100 = demoSpecs.stream().filter(s -> s.name().equals("nvidia-a100-80g")).findFirst()
                    .orElseThrow();
            FrameworkImage image = cluster.images().stream()
                    .filter(i -> i.reference().equals("gantry/python:3-password")).findFirst().orElseThrow();
            ContainerService containers = first.getBean(ContainerService.class);
            Container created = containers.create(new ContainerForm(project.id(), "first", image.id(), a100.id(), 1,
                    cluster.flavors(a100.id()).getFirst().id(), 0, Set.of(), "Demo-Pass-1", "Demo-Pass-2", null,
                    true));
            assertThat(created.state()).isIn(Phase.QUEUED, Phase.CREATING, Phase.RUNNING);
            containers.stop(created.id());

            // The demo task template: a short Python script run on the CPU with the machine's python3, without
            // devices, that a newcomer sees succeed with its log.
            io.gantry.task.TemplateService templates = first.getBean(io.gantry.task.TemplateService.class);
            io.gantry.task.TaskTemplate hello = templates.list(project.id()).stream()
                    .filter(t -> t.name().equals("hello-python")).findFirst().orElseThrow();
            assertThat(hello.settings().devices()).isZero();
            io.gantry.task.TaskService tasks = first.getBean(io.gantry.task.TaskService.class);
            io.gantry.task.Task run = tasks.create(templates.runForm(hello.id()));
            org.awaitility.Awaitility.await().pollInSameThread().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> tasks.task(run.id()).ended());
            assertThat(tasks.task(run.id()).phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(tasks.detail(run.id()).log()).filteredOn(io.gantry.task.TaskLogLine::output)
                    .extracting(io.gantry.task.TaskLogLine::text)
                    .anyMatch(line -> line.startsWith("Hello from a Gantry task"))
                    .anyMatch(line -> line.startsWith("Done in"));

            // A second replica starting on the same database makes nothing.
            try (ConfigurableApplicationContext second = start()) {
                new TestAccounts(second).signInAsAdmin();
                assertThat(second.getBean(ProjectService.class).visible()).hasSize(1);
                assertThat(second.getBean(WalletService.class).countLedger(project.id(), LedgerFilter.ALL))
                        .isEqualTo(1);
            }
            accounts.signOut();
        }
        // Nor does a restart.
        try (ConfigurableApplicationContext restarted = start()) {
            TestAccounts accounts = new TestAccounts(restarted);
            accounts.signInAsAdmin();
            List<ProjectOverview> projects = restarted.getBean(ProjectService.class).visible();
            assertThat(projects).extracting(p -> p.project().name()).containsExactly("demo");
            assertThat(restarted.getBean(WalletService.class).countLedger(projects.getFirst().project().id(),
                    LedgerFilter.ALL)).isEqualTo(1);
            assertThat(restarted.getBean(io.gantry.task.TemplateService.class)
                    .list(projects.getFirst().project().id())).hasSize(1);
            accounts.signOut();
        }
    }
}
