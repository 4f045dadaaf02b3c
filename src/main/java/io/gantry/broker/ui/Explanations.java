package io.gantry.broker.ui;

import com.vaadin.flow.component.html.Span;
import io.gantry.broker.Explanation;
import io.gantry.broker.QueuedRequest;
import io.gantry.broker.RequestStatus;
import io.gantry.shared.ui.Formats;
import io.gantry.shared.ui.Ui;

/** Turns a request's status and explanation into what a person reads. */
final class Explanations {

    private Explanations() {
    }

    static String sentence(Explanation why, String specName) {
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
}
