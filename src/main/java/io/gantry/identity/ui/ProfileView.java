package io.gantry.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.gantry.identity.AccountDetails;
import io.gantry.identity.AccountService;
import io.gantry.identity.GroupInfo;
import io.gantry.identity.UserFields;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.PermitAll;
import java.util.stream.Collectors;

/** The user's own account (AI-Stack 八.3): name, phone, e-mail, roles and groups, and the way to a new password. */
@Route("account/profile")
@PermitAll
@MenuItem(group = MenuGroup.ACCOUNT, title = "menu.profile", icon = "vaadin:user-card", order = 1)
public class ProfileView extends VerticalLayout {

    private final TextField nickname = new TextField();
    private final TextField phone = new TextField();
    private final EmailField email = new EmailField();
    private final FormFields formFields = new FormFields().with("nickname", nickname).with("phone", phone)
            .with("email", email);

    public ProfileView(AccountService accounts) {
        addClassName("gantry-page");
        AccountDetails me = accounts.me();
        add(new H2(getTranslation("menu.profile")));

        TextField username = new TextField(getTranslation("user.username"));
        username.setValue(me.account().username());
        username.setReadOnly(true);
        nickname.setLabel(getTranslation("user.nickname"));
        nickname.setValue(me.account().nickname());
        nickname.setMaxLength(UserFields.NICKNAME_MAX);
        nickname.setId("nickname");
        phone.setLabel(getTranslation("user.phone"));
        phone.setValue(orEmpty(me.account().phone()));
        phone.setMaxLength(UserFields.PHONE_MAX);
        phone.setId("phone");
        email.setLabel(getTranslation("user.email"));
        email.setValue(orEmpty(me.account().email()));
        email.setMaxLength(UserFields.EMAIL_MAX);
        email.setId("email");
        FormLayout form = new FormLayout(username, nickname, phone, email);
        form.setMaxWidth("40em");

        Button save = new Button(getTranslation("action.save"), e -> {
            Ui.clearInvalid(nickname, phone, email);
            try {
                accounts.updateProfile(nickname.getValue(), phone.getValue(), email.getValue());
                Ui.success("profile.saved");
            } catch (InvalidInput problems) {
                formFields.show(problems);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-profile");
        RouterLink changePassword = new RouterLink(getTranslation("password.change.title"), ChangePasswordView.class);
        changePassword.setId("change-password");

        add(form, new HorizontalLayout(save), changePassword);
        add(new H3(getTranslation("user.roles")),
                new Span(joined(me.roles().stream().map(RoleLabels::name).collect(Collectors.joining(", ")))));
        add(new H3(getTranslation("user.groups")),
                new Span(joined(me.groups().stream().map(GroupInfo::name).collect(Collectors.joining(", ")))));
    }

    private String joined(String text) {
        return text.isEmpty() ? getTranslation("common.none") : text;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
