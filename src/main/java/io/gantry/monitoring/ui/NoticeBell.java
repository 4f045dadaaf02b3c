package io.gantry.monitoring.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import io.gantry.identity.CurrentUser;
import io.gantry.monitoring.NoticeService;
import io.gantry.shared.ui.Formats;

/**
 * The shell's bell: how many of the user's notices are unread, as a badge; a click opens the notices. The count
 * follows notices as they arrive on this replica (server push), and is read again on every navigation.
 */
public class NoticeBell extends Composite<Button> implements AfterNavigationObserver {

    /** Beyond this the badge says "99+": the page says how many exactly. */
    static final int BADGE_MAX = 99;

    private final NoticeService notices;
    private final Span badge = new Span();

    public NoticeBell(NoticeService notices, NoticeUpdates updates) {
        this.notices = notices;
        Button bell = getContent();
        bell.setIcon(VaadinIcon.BELL.create());
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        bell.setId("notice-bell");
        bell.addClassName("gantry-notice-bell");
        badge.setId("notice-count");
        badge.addClassName("gantry-notice-count");
        badge.getElement().getThemeList().add("badge error primary small pill");
        // The button's accessible name carries the count; the badge is only its picture.
        badge.getElement().setAttribute("aria-hidden", "true");
        bell.setSuffixComponent(badge);
        bell.addClickListener(e -> bell.getUI().ifPresent(ui -> ui.navigate(NoticesView.class)));
        CurrentUser.get().ifPresent(user -> updates.follow(this, user.id(), this::refresh));
        refresh();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refresh();
    }

    private void refresh() {
        int unread = notices.unreadCount();
        badge.setText(unread > BADGE_MAX ? Formats.count(BADGE_MAX) + "+" : Formats.count(unread));
        badge.setVisible(unread > 0);
        String label = getTranslation("notice.bell", unread);
        getContent().setAriaLabel(label);
        getContent().setTooltipText(label);
    }
}
