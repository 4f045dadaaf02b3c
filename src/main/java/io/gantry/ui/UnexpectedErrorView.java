package io.gantry.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.NotAllowed;
import io.gantry.shared.NotFound;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Ui;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown instead of a screen that failed while opening, as {@link UnexpectedErrors} does for a failed click: a short
 * apology with the reference of the log line, or, for an error the user can act on, its own message.
 */
@AnonymousAllowed
public class UnexpectedErrorView extends VerticalLayout implements HasErrorParameter<Exception> {

    private final UnexpectedErrors errors;

    public UnexpectedErrorView(UnexpectedErrors errors) {
        this.errors = errors;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        removeAll();
        addClassName("gantry-page");
        setId("unexpected-error");
        Throwable error = parameter.getCaughtException();
        var userFacing = UnexpectedErrors.userFacing(error);
        if (userFacing.isPresent()) {
            UserFacingException problem = userFacing.get();
            add(new Paragraph(Ui.translated(new FieldProblem(null, problem.messageKey(), problem.arguments()))));
            add(new RouterLink(getTranslation("access-denied.home"), HomeView.class));
            return problem instanceof NotFound ? HttpServletResponse.SC_NOT_FOUND
                    : problem instanceof NotAllowed ? HttpServletResponse.SC_FORBIDDEN
                    : HttpServletResponse.SC_BAD_REQUEST;
        }
        // The screen that failed is in the stack trace; the page is what the user opened.
        String reference = errors.logUnexpected(error, event.getLocation().getPathWithQueryParameters(),
                "opening the page");
        add(new H2(getTranslation("error.unexpected.title")));
        add(new Paragraph(getTranslation("error.unexpected.message", reference)));
        add(new RouterLink(getTranslation("access-denied.home"), HomeView.class));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
