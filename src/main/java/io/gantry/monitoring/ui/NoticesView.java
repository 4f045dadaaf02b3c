package io.gantry.monitoring.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.audit.ui.OperationLogText;
import io.gantry.identity.CurrentUser;
import io.gantry.monitoring.Notice;
import io.gantry.monitoring.NoticeService;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;

/**
 * The user's notices, newest first: what happened to their work, in their language, each with its time and a way to
 * the page it is about. Opening a notice marks it read; so does "mark all read".
 */
@Route("notices")
@PermitAll
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.notices", icon = "vaadin:bell", order = 4)
public class NoticesView extends VerticalLayout {

    private final NoticeService notices;
    private final Grid<Notice> grid = new Grid<>();
    private final Button markAllRead = new Button();

    public NoticesView(NoticeService notices, NoticeUpdates updates) {
        this.notices = notices;
        addClassName("gantry-page");
        setSizeFull();

        markAllRead.setText(getTranslation("notice.mark-all-read"));
        markAllRead.setIcon(VaadinIcon.CHECK.create());
        markAllRead.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        markAllRead.setId("mark-all-read");
        markAllRead.addClickListener(e -> {
            notices.markAllRead();
            refresh();
        });
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("menu.notices")), markAllRead);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addColumn(n -> Formats.dateTime(n.createdAt())).setHeader(getTranslation("notice.time"))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(NoticesView::state).setHeader(getTranslation("notice.state")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(NoticesView::text).setHeader(getTranslation("notice.text")).setFlexGrow(1)
                .setTooltipGenerator(NoticesView::text);
        grid.addComponentColumn(this::operations).setAutoWidth(true).setFlexGrow(0);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.setPartNameGenerator(n -> n.unread() ? "unread" : null);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("notice.empty"));
        grid.setId("notices");
        grid.setItems(q -> notices.page(q.getOffset(), q.getLimit()).stream(), q -> notices.count());
        refresh();
        // A notice that arrives while the list is open joins it at the top.
        CurrentUser.get().ifPresent(user -> updates.follow(this, user.id(), this::refresh));

        add(header);
        addAndExpand(grid);
    }

    static String text(Notice notice) {
        return OperationLogText.message(notice.messageKey(), notice.arguments());
    }

    private static Component state(Notice notice) {
        Span state = new Span(Ui.t(notice.unread() ? "notice.unread" : "notice.read"));
        if (notice.unread()) {
            state.getElement().getThemeList().add("badge primary");
        }
        return state;
    }

    /** Open goes to the page the notice is about; a notice about no page can be marked read where it is. */
    private Component operations(Notice notice) {
        HorizontalLayout operations = new HorizontalLayout();
        operations.setSpacing(false);
        if (notice.link() != null) {
            Button open = new Button(Ui.t("notice.open"), e -> {
                notices.markRead(notice.id());
                getUI().ifPresent(ui -> ui.navigate(notice.link()));
            });
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            open.setId("open-notice-" + notice.id());
            operations.add(open);
        } else if (notice.unread()) {
            Button read = new Button(Ui.t("notice.mark-read"), e -> {
                notices.markRead(notice.id());
                refresh();
            });
            read.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            read.setId("read-notice-" + notice.id());
            operations.add(read);
        }
        return operations;
    }

    private void refresh() {
        grid.getDataProvider().refreshAll();
        markAllRead.setEnabled(notices.unreadCount() > 0);
    }
}
