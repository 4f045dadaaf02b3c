package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.H2;
import io.gantry.OnH2;
import io.gantry.bench.CountingConfiguration;
import io.gantry.bench.StatementCounter;
import io.gantry.bench.StatementCounter.Counts;
import io.gantry.container.Container;
import io.gantry.identity.PresetRole;
import io.gantry.project.ProjectRole;
import io.gantry.ui.HomeView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Counts the SQL statements one container detail page costs, rendered as a browser would get it (browserless, on
 * H2, the whole application): the figures in docs/performance.md ("Container detail page"). Runs only when asked for,
 *
 * <pre>
 * ./mvnw -q test -Dtest=ContainerDetailPageBenchmark -Dgantry.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>and appends its results to {@code target/benchmarks/container-detail.txt}.
 */
@OnH2
@Import(CountingConfiguration.class)
// Only the page falls into the counts, not the application's periodic resyncs.
@TestPropertySource(properties = "gantry.workloads.resync-interval=1h")
@EnabledIfSystemProperty(named = "gantry.bench", matches = "true")
class ContainerDetailPageBenchmark extends ContainerViewTestSupport {

    static final int RUNS = 7;
    static final Path RESULTS = Path.of("target", "benchmarks", "container-detail.txt");

    @Autowired
    StatementCounter counter;

    @Test
    void statementsPerDetailPage() throws IOException {
        Container running = running("bench-running");
        Container refused = refused("bench-refused");
        List<String> lines = new ArrayList<>();
        lines.add("owner, running container: " + median(running.id()));
        lines.add("owner, refused container (with the broker's explanation): " + median(refused.id()));
        // A member of a project whose members see every container: the path that reads the project's settings.
        letMembersSeeAllContainers();
        String member = newAccount("cdm", PresetRole.USER);
        projects.addMembers(projectId, Set.of(accountAsAdmin(member).orElseThrow().id()), ProjectRole.MEMBER);
        accounts.signInAs(member);
        lines.add("member who sees all, running container: " + median(running.id()));
        Files.createDirectories(RESULTS.getParent());
        Files.write(RESULTS, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines.forEach(System.out::println);
        accounts.signInAs(owner);
    }

    /** The median page over the runs, each a fresh navigation to the page. */
    private Counts median(long containerId) {
        List<Counts> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            navigate(HomeView.class);
            Counts before = counter.snapshot();
            navigate(ContainerDetailView.class, containerId);
            runs.add(counter.snapshot().minus(before));
            assertThat(find(H2.class).all()).isNotEmpty();
        }
        runs.sort(java.util.Comparator.comparingLong(Counts::statements));
        return runs.get(RUNS / 2);
    }
}
