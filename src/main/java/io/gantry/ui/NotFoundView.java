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
import io.gantry.shared.NotFound;
import io.gantry.shared.ui.Ui;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown instead of a detail page whose thing does not exist or is not the user's to see: each detail page just lets
 * its service's {@link NotFound} through, and says which thing in the exception's message.
 */
@AnonymousAllowed
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFound> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFound> parameter) {
        removeAll();
        addClassName("gantry-page");
        setId("not-found");
        NotFound gone = parameter.getException();
        add(new H2(getTranslation("error.not-found.title")));
        Paragraph what = new Paragraph(Ui.translated(new FieldProblem(null, gone.messageKey(), gone.arguments())));
        what.setId("not-found-what");
        add(what);
        add(new RouterLink(getTranslation("access-denied.home"), HomeView.class));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
