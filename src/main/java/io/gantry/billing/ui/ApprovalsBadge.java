package io.gantry.billing.ui;

import com.vaadin.flow.component.Component;
import io.gantry.billing.ApprovalService;
import io.gantry.shared.ui.MenuBadge;

/** The number of orders waiting for the signed-in user's decision, beside the Approvals entry of the menu. */
@org.springframework.stereotype.Component
class ApprovalsBadge implements MenuBadge {

    private final ApprovalService approvals;

    ApprovalsBadge(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Override
    public Class<? extends Component> view() {
        return ApprovalsView.class;
    }

    @Override
    public String id() {
        return "approvals-waiting";
    }

    @Override
    public int count() {
        return approvals.waiting();
    }

    @Override
    public String labelKey() {
        return "menu.approvals.waiting";
    }
}
