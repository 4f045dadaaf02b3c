package io.gantry.shared.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.math.BigDecimal;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chart in the browser (Apache ECharts): bars, stacked bars or lines of a {@link ChartModel}. Its colours follow
 * the light or dark scheme and its own words (month names, its accessible description) the UI's language; it redraws
 * when either changes and fills the size it is given.
 */
@Tag("gantry-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/gantry-chart.ts")
public class Chart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChartModel model;

    public Chart() {
        setWidthFull();
        setHeight("22em");
    }

    /** Shows the model, replacing what was shown. */
    public void setModel(ChartModel model) {
        this.model = model;
        getElement().setProperty("model", json(model));
    }

    public ChartModel getModel() {
        return model;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        getElement().setProperty("language", language(event.getUI().getLocale()));
    }

    /** ECharts' locale for the UI's language: its Chinese one for both Chinese scripts, else English. */
    static String language(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? "ZH" : "EN";
    }

    /** The model as the web component reads it: times in epoch milliseconds, values as numbers. */
    static String json(ChartModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", model.kind().name());
        ArrayNode categories = root.putArray("categories");
        model.categories().forEach(categories::add);
        ArrayNode times = root.putArray("times");
        model.times().forEach(t -> times.add(t.toEpochMilli()));
        ArrayNode series = root.putArray("series");
        for (ChartModel.Series s : model.series()) {
            ObjectNode node = series.addObject();
            node.put("name", s.name());
            ArrayNode values = node.putArray("values");
            for (BigDecimal value : s.values()) {
                if (value == null) {
                    values.addNull();
                } else {
                    values.add(value);
                }
            }
        }
        if (!model.bands().isEmpty()) {
            ArrayNode bands = root.putArray("bands");
            for (ChartModel.Band band : model.bands()) {
                ObjectNode node = bands.addObject();
                node.put("label", band.label());
                node.put("from", band.from().toEpochMilli());
                node.put("to", band.to().toEpochMilli());
                node.put("tone", band.tone().name());
            }
        }
        root.put("unit", model.unit());
        root.put("decimals", model.decimals());
        return JSON.writeValueAsString(root);
    }
}
