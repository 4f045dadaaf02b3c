package io.gantry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.shared.NotAllowed;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An error the user did not cause: a short apology with a reference that finds the full log line. */
@OnH2
@ExtendWith(OutputCaptureExtension.class)
class UnexpectedErrorsTest extends ViewTestSupport {

    private static final Pattern REFERENCE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

    @Test
    void anUnexpectedErrorIsAnApologyWithAReferenceThatFindsTheLogLine(CapturedOutput output) {
        String user = newAccount("oops", PresetRole.USER);
        accounts.signInAs(user);
        navigate(HomeView.class);

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(
                new IllegalStateException("connection pool exhausted"), UI.getCurrent().getElement().getNode()));

        String shown = notifications().stream().filter(n -> REFERENCE.matcher(n).find()).findFirst().orElseThrow();
        Matcher reference = REFERENCE.matcher(shown);
        assertThat(reference.find()).isTrue();
        assertThat(shown).isEqualTo(t("error.unexpected.message", reference.group()))
                .doesNotContain("connection pool exhausted");
        String logLine = output.getOut().lines().filter(l -> l.contains(reference.group())).findFirst().orElseThrow();
        assertThat(logLine).contains("user " + user);
        assertThat(output.getOut()).contains("java.lang.IllegalStateException: connection pool exhausted");
    }

    @Test
    void aScreenThatFailsWhileOpeningShowsTheApologyAndLogsTheError(CapturedOutput output) {
        String user = newAccount("broken", PresetRole.USER);
        accounts.signInAs(user);

        UnexpectedErrorView view = navigate("test/fails/broken", UnexpectedErrorView.class);

        String text = find(Paragraph.class).all().stream().map(Paragraph::getText)
                .filter(p -> REFERENCE.matcher(p).find()).findFirst().orElseThrow();
        Matcher reference = REFERENCE.matcher(text);
        assertThat(reference.find()).isTrue();
        assertThat(text).isEqualTo(t("error.unexpected.message", reference.group())).doesNotContain("disk");
        assertThat(find(H2.class).single().getText()).isEqualTo(t("error.unexpected.title"));
        String logLine = output.getOut().lines().filter(l -> l.contains(reference.group())).findFirst().orElseThrow();
        assertThat(logLine).contains("user " + user, "page /test/fails/broken");
        assertThat(output.getOut()).contains("java.lang.IllegalStateException: the disk is full")
                .contains("at " + FailingTestView.class.getName());
        assertThat(view.getId()).contains("unexpected-error");
    }

    @Test
    void aScreenThatFindsNothingSaysSoWithoutAnApology() {
        accounts.signInAs(newAccount("gone", PresetRole.USER));

        navigate("test/fails/gone", NotFoundView.class);

        assertThat(find(Paragraph.class).all()).extracting(Paragraph::getText)
                .containsExactly(t("error.not-found.project"));
    }

    @Test
    void anErrorTheUserCanCorrectIsShownAsItsOwnMessage() {
        accounts.signInAs(newAccount("nope", PresetRole.USER));
        navigate(HomeView.class);

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(
                new RuntimeException(new NotAllowed("container.not-running"))));

        assertThat(notifications()).contains(t("container.not-running"))
                .noneMatch(n -> REFERENCE.matcher(n).find());
    }
}
