package io.gantry.network.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.OnH2;
import io.gantry.ViewTestSupport;
import io.gantry.identity.PresetRole;
import io.gantry.network.SshKey;
import io.gantry.network.SshKeyService;
import io.gantry.network.SshKeygen;
import io.gantry.network.SshPublicKey;
import io.gantry.network.TestKeyUsage;
import io.gantry.ui.AccessDeniedView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The SSH keys screen: generate with a one-time private key download, import with errors on the field, delete. */
@OnH2
class SshKeysViewTest extends ViewTestSupport {

    static final String ED25519_LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK5QEcr+WdkhwesVtqbIZUPSi5dc4FyP6sQoY5Am0yuB"
            + " alice@laptop";
    static final String RSA_1024_LINE = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCs15NPGHSdxXAqf6kyxmN2R8GXdhIJsJipi2CX/"
            + "1eIsp4q63Q6xqbxW2n23AQpzZy7lERfesv/GnM+IO3gcVKljt8N4vHbu0+ywxgRP8n1lWPPsPrO8sNZ0yKMzj8Q5ThnlRDoyPmViANOC6n"
            + "1BkE7PsKznCxZrIkN+Hm2TIpjvw== old";

    @Autowired
    SshKeyService keys;

    @BeforeEach
    void signInAsUser() {
        accounts.signInAs(newAccount("keys", PresetRole.USER));
    }

    Grid<SshKey> grid() {
        return grid("ssh-keys");
    }

    @Test
    void saysWhatToDoWhileThereAreNoKeys() {
        navigate(SshKeysView.class);

        assertThat(test(grid()).size()).isZero();
        assertThat(grid().getEmptyStateText()).isEqualTo(t("network.keys.empty"));
        assertThat(headers(grid())).containsExactly(t("network.keys.name"), t("network.keys.algorithm"),
                t("network.keys.fingerprint"), t("common.created"), t("common.operation"));
    }

    @Test
    void generatesAKeyAndHandsThePrivateKeyOutOnce() throws IOException {
        navigate(SshKeysView.class);
        click("create-key");
        fill(TextField.class, "keyName", "laptop");
        click("key-generate");

        SshKey saved = keys.mine().getFirst();
        assertThat(column(grid(), t("network.keys.name"))).containsExactly("laptop");
        assertThat(column(grid(), t("network.keys.algorithm"))).containsExactly("ED25519 256");
        assertThat(column(grid(), t("network.keys.fingerprint"))).containsExactly(saved.fingerprint());

        GenerateKeyDialog dialog = find(GenerateKeyDialog.class).single();
        assertThat(dialog.isCloseOnEsc()).isFalse();
        assertThat(find(Paragraph.class).withId("private-key-warning").single().getText())
                .isEqualTo(t("network.keys.download.warning"));
        Anchor link = find(Anchor.class).withId("download-private-key").single();
        assertThat(link.isDownload()).isTrue();
        assertThat(link.getHref()).isNotBlank();

        String first = download(dialog, link);
        assertThat(first).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(SshPublicKey.parse(SshKeygen.publicKeyOf(first)).fingerprint()).isEqualTo(saved.fingerprint());
        assertThat(dialog.download().taken()).isTrue();
        assertThat(download(dialog, link)).isEmpty();

        click("key-done");
        assertThat(dialog.isOpened()).isFalse();
    }

    @Test
    void theDownloadGetsACleanFileNameAndItsLabelSitsBesideItsIcon() {
        navigate(SshKeysView.class);
        click("create-key");
        fill(TextField.class, "keyName", "laptop <b>key</b> ©");
        click("key-generate");

        GenerateKeyDialog dialog = find(GenerateKeyDialog.class).single();
        assertThat(dialog.download().fileName()).isEqualTo("id_ed25519_laptop_b_key_b");
        assertThat(find(Paragraph.class).withText(t("network.keys.download.usage", "id_ed25519_laptop_b_key_b"))
                .exists()).isTrue();
        // Icon and label are two elements with a gap between them, not an icon pushed over a bare text node.
        Anchor link = find(Anchor.class).withId("download-private-key").single();
        assertThat(link.getChildren().map(c -> c.getClass().getSimpleName())).containsExactly("Icon", "Span");
        assertThat(link.getChildren().skip(1).findFirst().orElseThrow().getElement().getText())
                .isEqualTo(t("network.keys.download.link"));
        assertThat(link.getClassNames()).contains(LumoUtility.Gap.SMALL);
    }

    /** What a browser would get for the link: the response body, or nothing (and 410 Gone) once it was taken. */
    private static String download(GenerateKeyDialog dialog, Anchor link) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        VaadinResponse response = mock(VaadinResponse.class);
        when(response.getOutputStream()).thenReturn(body);
        boolean alreadyTaken = dialog.download().taken();
        dialog.download().handleDownloadRequest(new DownloadEvent(mock(VaadinRequest.class), response,
                mock(VaadinSession.class), link.getElement()));
        if (alreadyTaken) {
            verify(response).setStatus(410);
        }
        return body.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void showsProblemsOnTheFieldsAndForgetsAPastedPrivateKey() {
        navigate(SshKeysView.class);
        click("import-key");
        fill(TextField.class, "importName", "old laptop");
        fill(TextArea.class, "publicKey", RSA_1024_LINE);
        click("key-import");

        TextArea publicKey = find(TextArea.class).withId("publicKey").single();
        assertThat(publicKey.isInvalid()).isTrue();
        assertThat(publicKey.getErrorMessage()).isEqualTo(t("network.key.rsa-too-short", "1024", "2048"))
                .contains("1024 bits; at least 2048");

        String secret = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
        fill(TextArea.class, "publicKey", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + secret
                + "\n-----END OPENSSH PRIVATE KEY-----");
        click("key-import");
        assertThat(publicKey.getErrorMessage()).isEqualTo(t("network.key.private-key"));
        assertThat(publicKey.getValue()).isEmpty();
        assertThat(keys.mine()).isEmpty();

        fill(TextArea.class, "publicKey", ED25519_LINE);
        click("key-import");
        assertThat(find(Dialog.class).all()).noneMatch(Dialog::isOpened);
        assertThat(column(grid(), t("network.keys.name"))).containsExactly("old laptop");
        assertThat(column(grid(), t("network.keys.fingerprint")))
                .containsExactly("SHA256:Tpzj9bz9sTOAfG4X9lELTJif4593MnQALMXjzmyD0Nk");
    }

    @Test
    void namesTheRunningContainersBeforeDeletingAKeyTheyUse() {
        SshKey key = keys.importKey("work", ED25519_LINE);
        TestKeyUsage.runWith(key.id(), "notebook-7");
        try {
            navigate(SshKeysView.class);
            test((Button) operations(grid(), 0)).click();
            ConfirmDialog confirm = find(ConfirmDialog.class).single();
            assertThat(test(confirm).getHeader()).isEqualTo(t("confirm.delete.title", "work"));
            assertThat(test(confirm).getText()).isEqualTo(t("network.keys.delete.in-use", "work", "notebook-7"));
            test(confirm).confirm();
        } finally {
            TestKeyUsage.stopAll(key.id());
        }

        assertThat(keys.mine()).isEmpty();
        assertThat(test(grid()).size()).isZero();
    }

    @Test
    void isNotForAnAccountWithoutTheNetworkPermission() {
        accounts.signInAs(newAccount("annotator", PresetRole.ANNOTATOR));
        assertThatThrownBy(() -> navigate(SshKeysView.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(getCurrentView()).isInstanceOf(AccessDeniedView.class);
    }
}
