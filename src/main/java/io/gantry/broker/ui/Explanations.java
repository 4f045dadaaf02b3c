package io.gantry.broker.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.gantry.broker.Explanation;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestStatus;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;
import java.util.Map;

/** Turns a request's status and explanation into what a person reads. */
public final class Explanations {

    private Explanations() {
    }

    public static String sentence(Explanation why, String specName) {
        if (why == null) {
            return "";
        }
        String text = Ui.t("broker.reason." + why.reason().name(), why.needed(), specName, why.usableFree(),
                why.totalFree(), why.limit(), why.held(), why.ahead());
        if (why.nextRelease() != null && !why.reason().refuses()) {
            text += " " + Ui.t("broker.next-release", String.valueOf(why.nextRelease()),
                    Formats.dateTime(why.nextReleaseBy()));
        }
        return text;
    }

    /**
     * What a request's devices are for ("workload:17"), as a link to that work's page where it is still there, so
     * that a queue's row leads to the container it holds devices for.
     *
     * @param pages the pages of the references on the list's page, as {@link io.gantry.shared.WorkloadPages} gives
     */
    static Component workload(QueuedRequest request, Map<String, String> pages) {
        String page = request.workload() == null ? null : pages.get(request.workload());
        if (page == null) {
            return new Span(Formats.orDash(request.workload()));
        }
        Anchor link = new Anchor(page, request.workload());
        link.setId("workload-" + request.id());
        return link;
    }

    /**
     * The explanation as a cell of a list: whole, wrapping over as many lines as it needs, never cut to "Refuse…"
     * (a grid's text cells stay on one line).
     */
    static Span cell(QueuedRequest request, String specName) {
        Span text = new Span(sentence(request.explanation(), specName));
        text.addClassName(LumoUtility.Whitespace.NORMAL);
        text.setId("why-" + request.id());
        return text;
    }

    static Span status(QueuedRequest request) {
        Span badge = new Span(Ui.t("broker.status." + request.status().name()));
        String theme = switch (request.status()) {
            case PLACED -> "badge success";
            case QUEUED -> "badge";
            case REFUSED, PREEMPTED -> "badge error";
            case CANCELLED, RELEASED -> "badge contrast";
        };
        badge.getElement().setAttribute("theme", theme);
        return badge;
    }

    static String shape(QueuedRequest request, String specName) {
        return request.nodes() == 1 ? Ui.t("broker.shape.single", request.devicesPerNode(), specName)
                : Ui.t("broker.shape.gang", request.nodes(), request.devicesPerNode(), specName);
    }

    static boolean live(QueuedRequest request) {
        return request.status() == RequestStatus.QUEUED || request.status() == RequestStatus.PLACED;
    }

    /** Sets up a request-status filter of a queue page; a change reloads the page's rows. */
    static void statusFilter(ComboBox<RequestStatus> status, Runnable reload) {
        status.setPlaceholder(Ui.t("extension.status"));
        status.setItems(RequestStatus.values());
        status.setItemLabelGenerator(s -> Ui.t("broker.status." + s.name()));
        status.setClearButtonVisible(true);
        status.setId("status-filter");
        status.addValueChangeListener(e -> reload.run());
    }
}
