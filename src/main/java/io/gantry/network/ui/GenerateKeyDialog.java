package io.gantry.network.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.network.GeneratedKey;
import io.gantry.network.KeyAlgorithm;
import io.gantry.network.SshKeyService;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;

/**
 * Generates a key pair (AI-Stack 七.1 〔新建〕): name and algorithm, then the private key to download, once.
 * <p>
 * The download is a link the user clicks rather than one started by script: browsers may block or silently drop a
 * download that no click started, and the key must not get lost on the way. The link serves the key a single time
 * ({@link OneTimeDownload}); the dialog says so, and only closes through its button, so it cannot vanish unseen.
 */
class GenerateKeyDialog extends Dialog {

    private final SshKeyService keys;
    private final Runnable saved;
    private final TextField name = new TextField(Ui.t("network.keys.name"));
    private final RadioButtonGroup<KeyAlgorithm> algorithm = new RadioButtonGroup<>(Ui.t("network.keys.algorithm"));
    private final FormFields formFields = new FormFields().with("name", name).with("algorithm", algorithm);
    private OneTimeDownload download;

    GenerateKeyDialog(SshKeyService keys, Runnable saved) {
        this.keys = keys;
        this.saved = saved;
        setHeaderTitle(Ui.t("network.keys.create"));
        setWidth("36em");
        setId("key-generator");

        name.setId("keyName");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(SshKeyService.NAME_MAX);
        algorithm.setId("keyAlgorithm");
        algorithm.setItems(KeyAlgorithm.values());
        algorithm.setItemLabelGenerator(a -> Ui.t("network.keys.algorithm." + a.name()));
        algorithm.setValue(KeyAlgorithm.ED25519);
        algorithm.setHelperText(Ui.t("network.keys.algorithm.help"));

        FormLayout form = new FormLayout(name, algorithm);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        Button generate = new Button(Ui.t("network.keys.generate"), e -> generate());
        generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        generate.setId("key-generate");
        getFooter().add(new Button(Ui.t("action.cancel"), e -> close()), generate);
    }

    private void generate() {
        Ui.clearInvalid(name, algorithm);
        try {
            GeneratedKey generated = keys.generate(name.getValue(), algorithm.getValue());
            saved.run();
            showDownload(generated);
        } catch (UserFacingException problems) {
            formFields.show(problems);
        }
    }

    private void showDownload(GeneratedKey generated) {
        download = new OneTimeDownload(generated.privateKey(), generated.privateKeyFileName());
        setCloseOnEsc(false);
        setCloseOnOutsideClick(false);
        setHeaderTitle(Ui.t("network.keys.download.title", generated.key().name()));
        removeAll();
        getFooter().removeAll();

        Paragraph warning = new Paragraph(Ui.t("network.keys.download.warning"));
        warning.setId("private-key-warning");
        warning.addClassNames("text-error");
        Anchor link = new Anchor(download, AttachmentType.DOWNLOAD, "");
        link.setId("download-private-key");
        link.getElement().getThemeList().add("badge primary");
        // The label in its own element with a gap before it: an icon beside a bare text node in a badge overlaps it.
        Icon icon = VaadinIcon.DOWNLOAD.create();
        icon.setSize("var(--lumo-icon-size-s)");
        link.add(icon, new Span(Ui.t("network.keys.download.link")));
        link.addClassNames(LumoUtility.Gap.SMALL);
        Paragraph usage = new Paragraph(Ui.t("network.keys.download.usage", generated.privateKeyFileName()));
        add(warning, link, usage);

        Button done = new Button(Ui.t("network.keys.download.done"), e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        done.setId("key-done");
        getFooter().add(done);
    }

    /** The private key's download, once the key is generated. */
    OneTimeDownload download() {
        return download;
    }
}
