package io.gantry.network.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import io.gantry.network.SshKey;
import io.gantry.network.SshKeyService;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.Confirm;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.GridQueryParameters;
import io.gantry.shared.ui.MenuGroup;
import io.gantry.shared.ui.MenuItem;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * The user's SSH keys (AI-Stack 七.1), for logging in to their containers: generate a pair (the private key is
 * downloaded once), import an existing public key, delete one.
 */
@Route("network/keys")
@RolesAllowed(Permission.Names.NETWORK_USE)
@MenuItem(group = MenuGroup.NETWORK, title = "menu.network.keys", icon = "vaadin:key", order = 1)
public class SshKeysView extends VerticalLayout implements BeforeEnterObserver {

    private final SshKeyService keys;
    private final Grid<SshKey> grid = new Grid<>();
    private final GridQueryParameters<SshKey> parameters = new GridQueryParameters<>(grid);

    public SshKeysView(SshKeyService keys) {
        this.keys = keys;
        addClassName("gantry-page");
        setWidthFull();

        grid.addColumn(SshKey::name).setHeader(getTranslation("network.keys.name")).setKey("name").setAutoWidth(true)
                .setSortProperty("name").setTooltipGenerator(SshKey::name);
        grid.addColumn(k -> k.family() + " " + k.bits()).setHeader(getTranslation("network.keys.algorithm"))
                .setKey("algorithm").setAutoWidth(true);
        grid.addColumn(SshKey::fingerprint).setHeader(getTranslation("network.keys.fingerprint")).setKey("fingerprint")
                .setFlexGrow(1).setSortProperty("fingerprint").setTooltipGenerator(SshKey::fingerprint);
        grid.addColumn(k -> Formats.dateTime(k.createdAt())).setHeader(getTranslation("common.created"))
                .setKey("created").setAutoWidth(true).setSortProperty("created");
        grid.addComponentColumn(this::actions).setHeader(getTranslation("common.operation")).setKey("actions")
                .setAutoWidth(true);
        grid.getColumns().forEach(column -> column.setResizable(true));
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("network.keys.empty"));
        grid.setId("ssh-keys");

        Button create = new Button(getTranslation("network.keys.create"), VaadinIcon.PLUS.create(),
                e -> new GenerateKeyDialog(keys, this::refresh).open());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-key");
        Button importKey = new Button(getTranslation("network.keys.import"), VaadinIcon.UPLOAD.create(),
                e -> new ImportKeyDialog(keys, this::refresh).open());
        importKey.setId("import-key");

        add(new H2(getTranslation("menu.network.keys")), new Paragraph(getTranslation("network.keys.intro")),
                new HorizontalLayout(create, importKey), grid);
        refresh();
    }

    private Button actions(SshKey key) {
        Button delete = new Button(getTranslation("action.delete"), e -> confirmDelete(key));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        return delete;
    }

    private void confirmDelete(SshKey key) {
        List<String> running;
        try {
            running = keys.runningWorkloadsUsing(key.id());
        } catch (UserFacingException gone) {
            Ui.refused(gone);
            refresh();
            return;
        }
        ConfirmDialog dialog = Confirm.delete(key.name(), () -> {
            try {
                keys.delete(key.id());
                Ui.success("common.deleted", key.name());
            } catch (UserFacingException refused) {
                Ui.refused(refused);
            }
            refresh();
        });
        if (!running.isEmpty()) {
            dialog.setText(getTranslation("network.keys.delete.in-use", key.name(), String.join(", ", running)));
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        parameters.read(event.getLocation());
    }

    private void refresh() {
        grid.setItems(q -> keys.mine(GridQueryParameters.sorts(q), q.getOffset(), q.getLimit()).stream(),
                q -> keys.countMine());
    }
}
