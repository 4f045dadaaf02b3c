package io.gantry.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.SignedInUser;
import io.gantry.identity.ui.NoAccessView;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.ui.Menu.Entry;
import jakarta.annotation.security.PermitAll;

/** The start page: a greeting and, per menu group, the screens this user may open. */
@Route("")
@PermitAll
public class HomeView extends VerticalLayout implements BeforeEnterObserver {

    private final Menu menu;

    public HomeView(Menu menu) {
        this.menu = menu;
        addClassName("gantry-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        SignedInUser user = CurrentUser.get().orElseThrow();
        if (!user.hasAnyPermission()) {
            event.forwardTo(NoAccessView.class);
            return;
        }
        add(new H1(getTranslation("home.welcome", SeededTexts.shown(user.nickname()))));
        add(new Paragraph(getTranslation("home.intro")));
        Div cards = new Div();
        cards.addClassName("gantry-cards");
        menu.systems(user).forEach(system -> menu.groups(user, system).forEach((group, entries) -> {
            Div card = new Div(new H3(getTranslation(group.titleKey())));
            card.addClassName("gantry-card");
            for (Entry entry : entries) {
                RouterLink link = new RouterLink(getTranslation(entry.item().title()), entry.view());
                card.add(new Div(link));
            }
            cards.add(card);
        }));
        add(cards);
    }
}
