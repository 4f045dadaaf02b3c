package io.gantry.identity.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;
import io.gantry.identity.AccountService;
import io.gantry.identity.UserAccount;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.SeededTexts;
import jakarta.annotation.security.PermitAll;

/**
 * What a signed-in user without any role sees (Apulis 3.1.1): that they have no access yet, and which
 * administrators to contact to be given a role and a project.
 */
@Route("no-access")
@PermitAll
public class NoAccessView extends VerticalLayout {

    public NoAccessView(AccountService accounts) {
        addClassName("gantry-page");
        setId("no-access");
        add(new H2(getTranslation("no-access.title")));
        add(new Paragraph(getTranslation("no-access.text")));
        UnorderedList contacts = new UnorderedList();
        for (UserAccount admin : accounts.administrators()) {
            contacts.add(new ListItem(getTranslation("no-access.contact", SeededTexts.shown(admin.nickname()),
                    admin.username(), Formats.orDash(admin.email()), Formats.orDash(admin.phone()))));
        }
        add(contacts);
    }
}
