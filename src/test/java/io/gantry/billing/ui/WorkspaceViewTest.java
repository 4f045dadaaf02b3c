package io.gantry.billing.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.billing.WorkspaceActivations;
import io.gantry.identity.PresetRole;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.ui.Formats;
import io.gantry.ui.AccessDeniedView;
import io.gantry.ui.HomeView;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The workspace activation page (AI-Stack 八.1): its state, the button, and its place in the account menu. */
@OnH2
class WorkspaceViewTest extends ViewTestSupport {

    @Autowired
    WorkspaceActivations activations;
    @Autowired
    io.gantry.runtime.local.LocalRuntime runtime;

    private Span state() {
        return find(Span.class).withId("workspace-state").single();
    }

    private boolean buttonShown() {
        return find(Button.class).withId("activate-workspace").exists();
    }

    @Test
    void aNewUserSeesNotActivatedAndActivatesWithOneClick() {
        SignedInUser me = accounts.signInAs(newAccount("wv", PresetRole.USER));
        navigate(WorkspaceView.class);

        assertThat(state().getText()).isEqualTo(t("workspace.state.not-activated"));
        assertThat(buttonShown()).isTrue();
        assertThat(find(Button.class).withId("activate-workspace").single().getText())
                .isEqualTo(t("workspace.activate"));

        click("activate-workspace");

        var activated = activations.state(me.id());
        assertThat(activated.activated()).isTrue();
        assertThat(state().getText())
                .isEqualTo(t("workspace.state.activated", Formats.dateTime(activated.activatedAt())));
        assertThat(buttonShown()).isFalse();
        assertThat(notifications()).contains(t("workspace.activate.done"));
        Path workspace = runtime.workspace(Long.toString(me.id()));
        assertThat(workspace).isDirectory();
    }

    @Test
    void anActivatedUserSeesWhenAndNoButton() {
        SignedInUser me = accounts.signInAs(newAccount("wa", PresetRole.USER));
        accounts.activate(me.id());

        navigate(WorkspaceView.class);

        assertThat(state().getText()).isEqualTo(t("workspace.state.activated",
                Formats.dateTime(activations.state(me.id()).activatedAt())));
        assertThat(buttonShown()).isFalse();
    }

    @Test
    void thePageIsInTheAccountMenuForUsersAndClosedToAnnotators() {
        accounts.signInAs(newAccount("wm", PresetRole.USER));
        navigate(HomeView.class);
        assertThat(find(SideNavItem.class).all()).extracting(SideNavItem::getLabel).contains(t("menu.platform"));

        accounts.signInAs(newAccount("wn", PresetRole.ANNOTATOR));
        try {
            navigate(WorkspaceView.class);
        } catch (IllegalArgumentException refused) {
            // The browserless navigator reports the refused route; the page shown is the refusal.
        }
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
    }
}
