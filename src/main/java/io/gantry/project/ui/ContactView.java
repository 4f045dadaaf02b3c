package io.gantry.project.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import io.gantry.identity.AccountService;
import io.gantry.identity.CurrentUser;
import io.gantry.identity.UserAccount;
import io.gantry.project.Contact;
import io.gantry.project.PlatformContactService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.SeededTexts;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;

/** Contact administrator (AI-Stack 九): how to reach the platform's administrators; they edit it here. */
@Route("contact")
@PermitAll
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.contact", icon = "vaadin:headset", order = 9)
public class ContactView extends VerticalLayout {

    public ContactView(PlatformContactService contacts, AccountService accounts) {
        addClassName("gantry-page");
        add(new H2(getTranslation("menu.contact")), new Paragraph(getTranslation("contact.intro")));
        Contact contact = contacts.contact();
        FormLayout shown = new FormLayout();
        shown.addFormItem(new Span(Formats.orDash(contact.name())), getTranslation("contact.name"));
        shown.addFormItem(new Span(Formats.orDash(contact.email())), getTranslation("user.email"));
        shown.addFormItem(new Span(Formats.orDash(contact.phone())), getTranslation("user.phone"));
        shown.addFormItem(new Span(Formats.orDash(contact.note())), getTranslation("contact.note"));
        shown.setId("contact-details");
        add(shown);
        UnorderedList admins = new UnorderedList();
        for (UserAccount admin : accounts.administrators()) {
            admins.add(new ListItem(getTranslation("no-access.contact", SeededTexts.shown(admin.nickname()),
                    admin.username(), Formats.orDash(admin.email()), Formats.orDash(admin.phone()))));
        }
        add(new H3(getTranslation("contact.administrators")), admins);
        if (CurrentUser.get().map(u -> u.has(Permission.PROJECTS_MANAGE)).orElse(false)) {
            add(editor(contacts, contact));
        }
    }

    private VerticalLayout editor(PlatformContactService contacts, Contact contact) {
        TextField name = new TextField(getTranslation("contact.name"));
        name.setValue(contact.name() == null ? "" : contact.name());
        name.setId("contact-name");
        name.setMaxLength(Contact.NAME_MAX);
        EmailField email = new EmailField(getTranslation("user.email"));
        email.setValue(contact.email() == null ? "" : contact.email());
        email.setId("contact-email");
        email.setMaxLength(Contact.EMAIL_MAX);
        TextField phone = new TextField(getTranslation("user.phone"));
        phone.setValue(contact.phone() == null ? "" : contact.phone());
        phone.setId("contact-phone");
        phone.setMaxLength(Contact.PHONE_MAX);
        TextArea note = new TextArea(getTranslation("contact.note"));
        FormFields formFields = new FormFields().with("contactName", name).with("contactEmail", email)
                .with("contactPhone", phone).with("contactNote", note);
        note.setValue(contact.note() == null ? "" : contact.note());
        note.setMaxLength(Contact.NOTE_MAX);
        Button save = new Button(getTranslation("action.save"), e -> {
            Ui.clearInvalid(name, email, phone, note);
            try {
                contacts.saveContact(new Contact(name.getValue(), email.getValue(), phone.getValue(), note.getValue()));
                Ui.success("common.saved");
                getUI().ifPresent(ui -> ui.getPage().reload());
            } catch (UserFacingException problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-contact");
        FormLayout form = new FormLayout(name, email, phone, note);
        form.setMaxWidth("40em");
        VerticalLayout editor = new VerticalLayout(new H3(getTranslation("contact.edit")), form, save);
        editor.setPadding(false);
        return editor;
    }
}
