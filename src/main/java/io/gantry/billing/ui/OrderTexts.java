package io.gantry.billing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.gantry.billing.Approval;
import io.gantry.billing.Order;
import io.gantry.billing.OrderDetail;
import io.gantry.broker.ui.Explanations;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/** How an order reads on the approvals page and in the order records alike. */
final class OrderTexts {

    private OrderTexts() {
    }

    static String approval(Approval approval) {
        return Ui.t("billing.approval.state." + approval.name().toLowerCase(Locale.ROOT));
    }

    static Span badge(Approval approval) {
        Span badge = new Span(approval(approval));
        badge.getElement().setAttribute("theme", switch (approval) {
            case PENDING -> "badge";
            case APPROVED -> "badge success";
            case REJECTED -> "badge error";
            case NOT_REQUIRED -> "badge contrast";
        });
        badge.addClassName("order-approval");
        return badge;
    }

    /** "2 × nvidia-a100-80g" */
    static String devices(Order order) {
        return order.devices() + " × " + order.specName();
    }

    /** A price as ordered, with at least the currency's decimals and no trailing zeros beyond them: "12.50 CNY". */
    static String money(BigDecimal amount, Currency currency) {
        BigDecimal shown = amount.stripTrailingZeros();
        if (shown.scale() < currency.getDefaultFractionDigits()) {
            shown = shown.setScale(currency.getDefaultFractionDigits());
        }
        return Ui.t("billing.order.amount", shown.toPlainString(), currency.getCurrencyCode());
    }

    /** The application as the requester ordered it (AI-Stack 八.5's 申请内容). */
    static FormLayout application(OrderDetail detail) {
        Order order = detail.order();
        FormLayout form = form("order-application");
        item(form, "billing.approval.requester", detail.requester());
        item(form, "billing.order.project", detail.project());
        item(form, "billing.order.service-type",
                Ui.t("billing.order.service-type." + order.serviceType().name().toLowerCase(Locale.ROOT)));
        item(form, "billing.order.name", order.name());
        item(form, "billing.order.spec", order.specName());
        item(form, "billing.order.devices", String.valueOf(order.devices()));
        item(form, "billing.order.cpu", String.valueOf(order.cpuCores()));
        item(form, "billing.order.memory", Formats.memory(order.memoryMib()));
        item(form, "billing.order.start", order.startAt() == null ? Ui.t("billing.order.start.now")
                : Formats.dateTime(order.startAt()));
        item(form, "billing.order.end", order.endAt() != null ? Formats.dateTime(order.endAt())
                : order.runHours() != null ? Ui.t("billing.order.end.hours", order.runHours())
                : Ui.t("billing.order.end.none"));
        item(form, "billing.order.ordered-at", Formats.dateTime(order.orderedAt()));
        return form;
    }

    /** The unit prices of the moment it was ordered, and what it costs per hour at them. */
    static FormLayout prices(OrderDetail detail) {
        Order order = detail.order();
        FormLayout form = form("order-prices");
        item(form, "billing.order.price.device-hour", money(order.prices().perDeviceHour(), order.currency()));
        item(form, "billing.order.price.core-hour", money(order.prices().perCoreHour(), order.currency()));
        item(form, "billing.order.price.gib-hour", money(order.prices().perGibHour(), order.currency()));
        Span rate = item(form, "billing.order.rate", money(detail.rate().hour().amount(), order.currency()));
        rate.setId("order-rate");
        return form;
    }

    /** The approval record: the state, who decided and when, the message. */
    static FormLayout record(OrderDetail detail) {
        Order order = detail.order();
        FormLayout form = form("order-record");
        form.addFormItem(badge(order.approval()), Ui.t("billing.approval.state"));
        if (order.decidedAt() != null) {
            item(form, "billing.order.decided-by", Formats.orDash(detail.decider()));
            item(form, "billing.order.decided-at", Formats.dateTime(order.decidedAt()));
        }
        if (order.decisionMessage() != null) {
            item(form, "billing.order.message", order.decisionMessage()).setId("order-decision-message");
        }
        return form;
    }

    /** Where the workload stands now, why it waits where it does, and the way to its page with its events. */
    static Component workload(OrderDetail detail) {
        FormLayout form = form("order-workload");
        if (detail.workloadState() == null) {
            form.add(new Paragraph(Ui.t("billing.order.workload.gone")));
            return form;
        }
        Span state = item(form, "billing.order.workload.state",
                Ui.t("container.state." + detail.workloadState().name().toLowerCase(Locale.ROOT)));
        state.setId("order-workload-state");
        if (detail.waiting() != null) {
            form.add(new Paragraph(Explanations.sentence(detail.waiting(), detail.order().specName())));
        } else if (detail.workloadReason() != null) {
            Paragraph why = new Paragraph(Ui.t(detail.workloadReason(), detail.workloadReasonArguments().toArray()));
            form.add(why);
        }
        if (detail.workloadPage() != null) {
            Anchor open = new Anchor(detail.workloadPage(), Ui.t("billing.order.workload.open"));
            open.setId("order-workload-link");
            form.add(open);
        }
        return form;
    }

    private static FormLayout form(String id) {
        FormLayout form = new FormLayout();
        form.setId(id);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        return form;
    }

    private static Span item(FormLayout form, String labelKey, String value) {
        Span span = new Span(value == null ? "" : value);
        form.addFormItem(span, Ui.t(labelKey));
        return span;
    }
}
