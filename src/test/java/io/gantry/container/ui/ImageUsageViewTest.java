package io.gantry.container.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.gantry.OnH2;
import io.gantry.cluster.FrameworkImage;
import io.gantry.cluster.LoginMethod;
import io.gantry.cluster.ui.ImagesView;
import io.gantry.container.Container;
import io.gantry.container.ContainerForm;
import io.gantry.identity.TestAccounts;
import io.gantry.workload.RunWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The admin images page (Apulis 3.13) with containers starting from its images: what uses each, with links to their
 * pages, and no delete of an image in use. Here rather than with the inventory's tests: it needs real containers.
 */
@OnH2
class ImageUsageViewTest extends ContainerViewTestSupport {

    @Test
    void eachImageShowsItsLoginServicesAndWhatStartsFromItAndOneInUseIsNotDeleted() {
        accounts.signInAsAdmin();
        String name = "team/" + TestAccounts.uniqueName("used");
        long imageId = cluster.saveImage(null, new FrameworkImage(0, name, "v1", null, LoginMethod.PASSWORD, true,
                false, true, false, passwordImage.localEnvironment(), null));
        accounts.signInAs(owner);
        RunWindow tomorrow = RunWindow.startingAt(context.getBean(Clock.class).instant().plus(Duration.ofDays(1)));
        Container user = containers.create(new ContainerForm(projectId, "on-it", imageId, spec.id(), 1, flavor.id(),
                0, Set.of(), SSH_PASSWORD, TERMINAL_PASSWORD, null, true, tomorrow));
        accounts.signInAsAdmin();

        navigate(ImagesView.class);

        Grid<FrameworkImage> grid = grid("images");
        int row = IntStream.range(0, rows(grid).size()).filter(i -> rows(grid).get(i).id() == imageId).findFirst()
                .orElseThrow();
        assertThat(test(grid).getCellText(row, grid.getColumns().indexOf(grid.getColumnByKey("login"))))
                .isEqualTo(t("images.login.PASSWORD"));
        HorizontalLayout services = (HorizontalLayout) test(grid).getCellComponent(row, "services");
        assertThat(services.getChildren().map(c -> ((Span) c).getText()).toList())
                .containsExactly(t("images.service.ssh"), t("images.service.terminal"));
        HorizontalLayout usedBy = (HorizontalLayout) test(grid).getCellComponent(row, "used-by");
        assertThat(usedBy.getChildren().filter(Span.class::isInstance).map(c -> ((Span) c).getText()).toList())
                .containsExactly(t("images.used-by.count", 1));
        List<Anchor> links = usedBy.getChildren().filter(Anchor.class::isInstance).map(Anchor.class::cast).toList();
        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link.getText()).isEqualTo("on-it");
            assertThat(link.getHref()).isEqualTo("containers/" + user.id());
        });

        test((Button) test(grid).getCellComponent(row, "actions")
                .getChildren().filter(b -> b.getId().orElse("").startsWith("delete-image-")).findFirst()
                .orElseThrow()).click();

        assertThat(find(ConfirmDialog.class).all()).noneMatch(ConfirmDialog::isOpened);
        assertThat(notifications()).contains(t("image.in-use", name + ":v1", 1, "on-it"));
        assertThat(cluster.images()).extracting(FrameworkImage::id).contains(imageId);

        containers.delete(user.id());
        navigate(ImagesView.class);
        Grid<FrameworkImage> after = grid("images");
        int again = IntStream.range(0, rows(after).size()).filter(i -> rows(after).get(i).id() == imageId)
                .findFirst().orElseThrow();
        assertThat(((Span) test(after).getCellComponent(again, "used-by")).getText())
                .isEqualTo(t("images.used-by.none"));
    }
}
