package io.gantry.task;

import static io.gantry.db.Tables.DEMO_PROJECT;

import io.gantry.cluster.Flavor;
import io.gantry.cluster.FrameworkImage;
import io.gantry.container.WorkSettings;
import io.gantry.db.tables.records.DemoProjectRecord;
import io.gantry.db.tables.records.TaskTemplateRecord;
import io.gantry.project.Projects;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo project's task template (with the demo project, {@code gantry.billing.demo-project.enabled}): a short
 * Python script run with the machine's {@code python3} on the CPU, with no devices, so that a newcomer sees a task
 * succeed with its log in the first minutes. Made once, after the demo project: the row that claimed the demo
 * project remembers it, so that neither a restart nor a second replica makes it again.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "gantry.billing.demo-project.enabled", havingValue = "true")
class DemoTaskTemplate implements ApplicationRunner {

    static final String NAME = "hello-python";
    /** A few lines and a second of work; exits 0. */
    static final String COMMAND = """
            python3 - <<'SCRIPT'
            import platform, time
            print("Hello from a Gantry task on", platform.node())
            print("Python", platform.python_version())
            started = time.time()
            total = sum(i * i for i in range(2_000_000))
            print("Sum of the squares below two million:", total)
            time.sleep(1)
            print("Done in %.1f seconds" % (time.time() - started))
            SCRIPT""";
    static final int MAX_RUN_MINUTES = 10;

    private static final Logger log = LoggerFactory.getLogger(DemoTaskTemplate.class);

    private final DSLContext db;
    private final TaskRepository repository;
    private final WorkSettings settings;
    private final Projects projects;
    private final Clock clock;

    DemoTaskTemplate(DSLContext db, TaskRepository repository, WorkSettings settings,
                     Projects projects, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.settings = settings;
        this.projects = projects;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // Locked: a second replica starting at once waits here and then finds the template made.
        DemoProjectRecord demo = db.selectFrom(DEMO_PROJECT).where(DEMO_PROJECT.ID.eq(1)).forUpdate()
                .fetchOptional().orElse(null);
        if (demo == null || demo.getProjectId() == null || demo.getTaskTemplateId() != null) {
            return;
        }
        long projectId = demo.getProjectId();
        Long managerId = projects.managers(projectId).stream().findFirst().orElse(null);
        // A spec the project has a quota of that allows a task without devices, and its smallest flavor.
        Optional<WorkSettings.SpecOffer> offer = settings.specs(projectId).stream()
                .filter(o -> o.spec().allows(0) && !o.flavors().isEmpty()).findFirst();
        Optional<FrameworkImage> image = settings.publicImages().stream().findFirst();
        if (managerId == null || offer.isEmpty() || image.isEmpty()) {
            log.info("The demo project offers no spec without devices or no image: no demo task template is made");
            return;
        }
        Flavor flavor = offer.get().flavors().stream().min(Comparator.comparingInt(Flavor::cpuCores)).orElseThrow();
        Instant now = clock.instant();
        TaskTemplateRecord draft = new TaskTemplateRecord();
        draft.setProjectId(projectId);
        draft.setUserId(managerId);
        draft.setName(NAME);
        draft.setSpecId(offer.get().spec().id());
        draft.setDevices(0);
        draft.setNodes(1);
        draft.setFlavorId(flavor.id());
        draft.setSharedMemoryMib(0);
        draft.setImageId(image.get().id());
        draft.setCommand(COMMAND);
        draft.setPreemptible(false);
        draft.setMaxRunMinutes(MAX_RUN_MINUTES);
        draft.setCreatedAt(now);
        draft.setUpdatedAt(now);
        long id = repository.insertTemplate(draft);
        db.update(DEMO_PROJECT).set(DEMO_PROJECT.TASK_TEMPLATE_ID, id).where(DEMO_PROJECT.ID.eq(1)).execute();
        log.info("Made the demo task template {} in the demo project", NAME);
    }
}
