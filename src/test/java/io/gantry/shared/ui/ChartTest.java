package io.gantry.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** What the chart component is sent: the model as JSON, and the language ECharts words itself in. */
class ChartTest {

    @Test
    void categoriesAndSeriesGoAsJsonWithMissingValuesAsNull() {
        ChartModel model = ChartModel.overCategories(ChartModel.Kind.STACKED_BAR, List.of("2026-01", "2026-02"),
                List.of(new ChartModel.Series("容器", Arrays.asList(new BigDecimal("12.50"), null))), "CNY", 2);

        assertThat(Chart.json(model)).isEqualTo("{\"kind\":\"STACKED_BAR\",\"categories\":[\"2026-01\",\"2026-02\"],"
                + "\"times\":[],\"series\":[{\"name\":\"容器\",\"values\":[12.50,null]}],\"unit\":\"CNY\","
                + "\"decimals\":2}");
    }

    @Test
    void aTimeAxisGoesAsEpochMilliseconds() {
        ChartModel model = ChartModel.overTime(ChartModel.Kind.LINE,
                List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z")),
                List.of(new ChartModel.Series("CPU", List.of(new BigDecimal("0.5"), new BigDecimal("0.75")))), "%",
                0);

        assertThat(Chart.json(model)).contains("\"categories\":[]", "\"times\":[1767225600000,1767225660000]",
                "\"values\":[0.5,0.75]", "\"kind\":\"LINE\"");
    }

    @Test
    void bandsMarkStretchesOfATimeAxis() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        ChartModel model = ChartModel.overTime(ChartModel.Kind.STACKED_BAR, List.of(from, from.plusSeconds(3600)),
                List.of(new ChartModel.Series("A100", List.of(BigDecimal.ONE, BigDecimal.TWO))), "", 1)
                .withBands(List.of(new ChartModel.Band("高峰", from.plusSeconds(3600), from.plusSeconds(7200),
                        ChartModel.Tone.HIGH)));

        assertThat(Chart.json(model)).contains("\"bands\":[{\"label\":\"高峰\",\"from\":1767229200000,"
                + "\"to\":1767232800000,\"tone\":\"HIGH\"}]");
        assertThatThrownBy(() -> ChartModel.overCategories(ChartModel.Kind.BAR, List.of("a"),
                List.of(), "", 0).withBands(model.bands())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChartModel.Band("empty", from, from, ChartModel.Tone.LOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSeriesMustHaveAValueForEveryPoint() {
        assertThatThrownBy(() -> ChartModel.overCategories(ChartModel.Kind.BAR, List.of("a", "b"),
                List.of(new ChartModel.Series("s", List.of(BigDecimal.ONE))), "", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bothChineseScriptsUseEChartsChineseWordsAndEverythingElseEnglish() {
        assertThat(Chart.language(Locale.SIMPLIFIED_CHINESE)).isEqualTo("ZH");
        assertThat(Chart.language(Locale.TRADITIONAL_CHINESE)).isEqualTo("ZH");
        assertThat(Chart.language(Locale.ENGLISH)).isEqualTo("EN");
        assertThat(Chart.language(Locale.GERMAN)).isEqualTo("EN");
    }
}
