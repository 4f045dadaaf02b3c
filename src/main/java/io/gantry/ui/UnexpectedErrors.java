package io.gantry.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.shared.FieldProblem;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Ui;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a user sees of an error they did not cause: a short apology with a reference, while the log keeps the whole
 * error under the same reference with who met it and where, so that an administrator can find the line the user
 * quotes. An error the user caused and can correct ({@link UserFacingException}) is handled by its view; one that
 * slips through is still shown as its own message, not as an apology.
 */
@Component
public class UnexpectedErrors implements VaadinServiceInitListener, ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);
    // Crockford's base 32: no I, L, O or U, so a reference read out over the phone is not misheard.
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SecureRandom random = new SecureRandom();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
        // Sessions made before this listener ran (and test sessions) get it with their first UI.
        event.getSource().addUIInitListener(init -> init.getUI().getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable error = event.getThrowable();
        Optional<UserFacingException> userFacing = userFacing(error);
        Optional<UI> ui = event.getComponent().flatMap(c -> c.getUI()).or(() -> Optional.ofNullable(UI.getCurrent()));
        if (userFacing.isPresent()) {
            UserFacingException problem = userFacing.get();
            ui.ifPresent(current -> inUi(current, () -> show(Ui.translated(new FieldProblem(null,
                    problem.messageKey(), problem.arguments())))));
            return;
        }
        String page = ui.map(current -> current.getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .orElse("-");
        String reference = logUnexpected(error, page, event.getComponent().map(c -> c.getClass().getName())
                .orElse("-"));
        ui.ifPresent(current -> inUi(current, () -> show(current.getTranslation("error.unexpected.message",
                reference))));
    }

    /** Vaadin calls the handler with the session locked while it serves a request; otherwise wait for the lock. */
    private static void inUi(UI ui, Runnable show) {
        if (ui.getSession() != null && ui.getSession().hasLock()) {
            show.run();
        } else {
            ui.access(show::run);
        }
    }

    /** Logs the error with who met it and where, under a new reference; returns the reference. */
    String logUnexpected(Throwable error, String page, String where) {
        String reference = reference();
        String user = CurrentUser.get().map(SignedInUser::username).orElse("-");
        log.error("Unexpected error, reference {} (user {}, page /{}, in {})", reference, user, page, where, error);
        return reference;
    }

    /** A short reference the user can quote; it appears in the log line of the error. */
    String reference() {
        StringBuilder reference = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }

    static Optional<UserFacingException> userFacing(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UserFacingException userFacing) {
                return Optional.of(userFacing);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static void show(String message) {
        Notification notification = new Notification(message, 10_000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.open();
    }
}
