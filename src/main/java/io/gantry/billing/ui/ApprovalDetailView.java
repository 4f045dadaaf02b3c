package io.gantry.billing.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import io.gantry.billing.ApprovalService;
import io.gantry.billing.OrderDetail;
import io.gantry.shared.InvalidInput;
import io.gantry.shared.Permission;
import io.gantry.shared.UserFacingException;
import io.gantry.shared.ui.FormFields;
import io.gantry.shared.ui.Ui;
import jakarta.annotation.security.RolesAllowed;

/**
 * An order waiting for (or past) a decision: the application, the requested spec with its prices and cost per hour,
 * the approval record and the workload; Approve, or Reject with a message the requester reads.
 */
@Route(ApprovalService.PAGE)
@RolesAllowed({Permission.Names.BILLING_VIEW, Permission.Names.BILLING_MANAGE})
public class ApprovalDetailView extends VerticalLayout implements HasUrlParameter<Long> {

    private final ApprovalService approvals;
    private long orderId;

    public ApprovalDetailView(ApprovalService approvals) {
        this.approvals = approvals;
        addClassName("gantry-page");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        orderId = id == null ? -1 : id;
        render(approvals.detail(orderId));
    }

    private void render(OrderDetail detail) {
        removeAll();
        HorizontalLayout title = new HorizontalLayout(new H2(detail.order().name()),
                OrderTexts.badge(detail.order().approval()));
        title.setAlignItems(FlexComponent.Alignment.BASELINE);
        Button back = new Button(getTranslation("billing.approval.back"), VaadinIcon.ARROW_LEFT.create(),
                e -> getUI().ifPresent(ui -> ui.navigate(ApprovalsView.class)));
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        back.setId("approvals-back");
        add(back, title);
        if (detail.decidable()) {
            Button approve = new Button(getTranslation("billing.approval.approve"), VaadinIcon.CHECK.create(),
                    e -> approve());
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            approve.setId("approve-order");
            Button reject = new Button(getTranslation("billing.approval.reject"), VaadinIcon.CLOSE.create(),
                    e -> openReject(detail));
            reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
            reject.setId("reject-order");
            add(new HorizontalLayout(approve, reject));
        }
        add(Ui.sectionHeader("billing.order.application", null), OrderTexts.application(detail));
        add(Ui.sectionHeader("billing.order.prices", null), OrderTexts.prices(detail));
        add(Ui.sectionHeader("billing.order.record", null), OrderTexts.record(detail));
        add(Ui.sectionHeader("billing.order.workload", null), OrderTexts.workload(detail));
    }

    private void approve() {
        try {
            OrderDetail decided = approvals.approve(orderId);
            Ui.success("billing.approval.approved", decided.order().name());
            render(decided);
        } catch (UserFacingException refused) {
            Ui.refused(refused);
            render(approvals.detail(orderId));
        }
    }

    /** The reject dialog: the message is required; the service says so on the field when it is missing. */
    private void openReject(OrderDetail detail) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("billing.approval.reject.title", detail.order().name()));
        dialog.setId("reject-dialog");
        TextArea message = new TextArea(getTranslation("billing.approval.reject.message"));
        message.setHelperText(getTranslation("billing.approval.reject.help"));
        message.setMaxLength(ApprovalService.MESSAGE_MAX);
        message.setRequiredIndicatorVisible(true);
        message.setWidthFull();
        message.setId("reject-message");
        FormFields fields = new FormFields().with("message", message);
        Button cancel = new Button(getTranslation("action.cancel"), e -> dialog.close());
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        cancel.setId("cancel-reject");
        Button confirm = new Button(getTranslation("billing.approval.reject"), e -> {
            Ui.clearInvalid(message);
            try {
                OrderDetail decided = approvals.reject(orderId, message.getValue());
                dialog.close();
                Ui.success("billing.approval.rejected", decided.order().name());
                render(decided);
            } catch (InvalidInput invalid) {
                fields.show(invalid);
            } catch (UserFacingException refused) {
                dialog.close();
                Ui.refused(refused);
                render(approvals.detail(orderId));
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        confirm.setId("confirm-reject");
        dialog.add(message);
        dialog.getFooter().add(cancel, confirm);
        dialog.setWidth("32em");
        dialog.open();
        message.focus();
    }
}
