import { LitElement, css, html } from 'lit';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what Gantry's charts draw goes into the bundle; ECharts' core registers its English and Chinese locales.
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** What the server sends (io.gantry.shared.ui.ChartModel as JSON). */
interface ChartModel {
  kind: 'BAR' | 'STACKED_BAR' | 'LINE';
  /** Labels of a category axis; empty when the axis is time. */
  categories: string[];
  /** Instants (epoch milliseconds) of a time axis; empty when the axis is categories. */
  times: number[];
  series: { name: string; values: (number | null)[] }[];
  /** Stretches of a time axis drawn marked behind the series (epoch milliseconds, `to` excluded). */
  bands?: { label: string; from: number; to: number; tone: 'HIGH' | 'LOW' }[];
  /** Shown after every value (a currency, "%", "GiB"); may be empty. */
  unit: string;
  decimals: number;
}

// Series colours readable on Lumo's light and dark backgrounds alike.
const paletteOnLight = ['#1a73e8', '#e8710a', '#1e8e3e', '#d93025', '#9334e6', '#12b5cb', '#b06000', '#5f6368'];
const paletteOnDark = ['#8ab4f8', '#fcad70', '#81c995', '#f28b82', '#c58af9', '#78d9ec', '#fdd663', '#bdc1c6'];

function channels(color: string): number[] {
  return (color.match(/[\d.]+/g) ?? []).map(Number);
}

function isDark(color: string): boolean {
  const [r = 255, g = 255, b = 255] = channels(color);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/**
 * A chart (Apache ECharts) of what the server gives as {@link model}: bars, stacked bars or lines over categories
 * or over time. Its colours come from Lumo and follow the colour scheme; its words (month names, the accessible
 * description) follow {@link language}; it redraws when either changes and fits its element's size.
 */
export class GantryChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      min-height: 16em;
      /* Read by the chart, so that it follows Lumo and the colour scheme. */
      background-color: var(--lumo-base-color, Canvas);
      color: var(--lumo-body-text-color, CanvasText);
    }

    .gantry-chart-canvas {
      position: absolute;
      inset: 0;
    }
  `;

  static override properties = {
    model: { type: String },
    language: { type: String },
  };

  /** The chart as JSON (see ChartModel). */
  declare model: string;
  /** ECharts' locale: 'ZH' or 'EN'. */
  declare language: string;

  private chart?: echarts.ECharts;
  private drawnWith = '';
  private resizeFrame = 0;
  private readonly resizeObserver = new ResizeObserver(() => this.scheduleResize());
  private readonly schemeObserver = new MutationObserver(() => this.draw());
  private readonly systemScheme = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly onSystemSchemeChange = () => this.draw();

  constructor() {
    super();
    // Declared above rather than initialised, so that Lit's reactive accessors are not shadowed by class fields.
    this.model = '';
    this.language = 'EN';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.resizeObserver.observe(this);
    // Gantry switches light and dark by the `theme` attribute and the colour-scheme style on <html>.
    this.schemeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme', 'style'] });
    this.systemScheme.addEventListener('change', this.onSystemSchemeChange);
    if (this.hasUpdated) {
      this.draw();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.schemeObserver.disconnect();
    this.systemScheme.removeEventListener('change', this.onSystemSchemeChange);
    cancelAnimationFrame(this.resizeFrame);
    this.chart?.dispose();
    this.chart = undefined;
    this.drawnWith = '';
  }

  protected override render() {
    return html`<div class="gantry-chart-canvas" part="canvas"></div>`;
  }

  protected override updated() {
    this.draw();
  }

  /** Draws the chart anew when the model, the language or the colours differ from those it was drawn with. */
  private draw() {
    const container = this.renderRoot.querySelector('.gantry-chart-canvas') as HTMLElement | null;
    if (!container || !this.model || !this.isConnected) {
      return;
    }
    const style = getComputedStyle(this);
    const colors = {
      background: style.backgroundColor,
      text: style.color,
      secondary: style.getPropertyValue('--lumo-secondary-text-color').trim() || style.color,
      lines: style.getPropertyValue('--lumo-contrast-20pct').trim() || 'rgba(128, 128, 128, 0.3)',
      grid: style.getPropertyValue('--lumo-contrast-10pct').trim() || 'rgba(128, 128, 128, 0.15)',
      high: style.getPropertyValue('--lumo-error-color-10pct').trim() || 'rgba(231, 24, 24, 0.1)',
      low: style.getPropertyValue('--lumo-success-color-10pct').trim() || 'rgba(24, 166, 58, 0.1)',
      font: style.fontFamily,
    };
    const drawnWith = [this.model, this.language, JSON.stringify(colors)].join('\u0000');
    if (drawnWith === this.drawnWith) {
      return;
    }
    const dark = isDark(colors.background);
    // The locale and the theme are fixed when ECharts starts, so a change of either starts it again.
    this.chart?.dispose();
    this.chart = echarts.init(container, undefined, { locale: this.language === 'ZH' ? 'ZH' : 'EN' });
    this.chart.setOption(this.options(JSON.parse(this.model) as ChartModel, colors, dark));
    this.drawnWith = drawnWith;
    this.setAttribute('scheme', dark ? 'dark' : 'light');
    this.dispatchEvent(new CustomEvent('chart-drawn'));
  }

  private options(
    model: ChartModel,
    colors: {
      background: string;
      text: string;
      secondary: string;
      lines: string;
      grid: string;
      high: string;
      low: string;
      font: string;
    },
    dark: boolean,
  ): echarts.EChartsCoreOption {
    const overTime = model.times.length > 0;
    const format = (value: number | null) =>
      value == null
        ? '–'
        : value.toLocaleString(this.language === 'ZH' ? 'zh' : 'en', {
            minimumFractionDigits: model.decimals,
            maximumFractionDigits: model.decimals,
          }) + (model.unit ? ` ${model.unit}` : '');
    const axisLabel = { color: colors.secondary, fontFamily: colors.font };
    const axisLine = { lineStyle: { color: colors.lines } };
    return {
      backgroundColor: colors.background,
      color: dark ? paletteOnDark : paletteOnLight,
      textStyle: { color: colors.text, fontFamily: colors.font },
      aria: { enabled: true },
      animation: false,
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      legend: { type: 'scroll', top: 0, textStyle: { color: colors.text }, pageTextStyle: { color: colors.text } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: model.kind === 'LINE' ? 'line' : 'shadow' },
        backgroundColor: colors.background,
        borderColor: colors.lines,
        textStyle: { color: colors.text },
        valueFormatter: (value: unknown) => format(typeof value === 'number' ? value : null),
      },
      xAxis: overTime
        ? { type: 'time', axisLabel, axisLine }
        : { type: 'category', data: model.categories, axisLabel, axisLine },
      yAxis: {
        type: 'value',
        name: model.unit,
        nameTextStyle: { color: colors.secondary },
        axisLabel,
        axisLine,
        splitLine: { lineStyle: { color: colors.grid } },
      },
      series: model.series.map((series, index) => ({
        name: series.name,
        type: model.kind === 'LINE' ? 'line' : 'bar',
        stack: model.kind === 'STACKED_BAR' ? 'total' : undefined,
        showSymbol: model.kind === 'LINE' && !overTime,
        emphasis: { focus: 'series' },
        data: overTime ? series.values.map((value, i) => [model.times[i], value]) : series.values,
        // The bands once, behind the first series; unlabelled, since a week has many short ones: the page says what
        // each tone means.
        markArea:
          index === 0 && model.bands?.length
            ? {
                silent: true,
                label: { show: false },
                data: model.bands.map((band) => [
                  {
                    name: band.label,
                    xAxis: band.from,
                    itemStyle: { color: band.tone === 'HIGH' ? colors.high : colors.low },
                  },
                  { xAxis: band.to },
                ]),
              }
            : undefined,
      })),
    };
  }

  private scheduleResize() {
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = requestAnimationFrame(() => this.chart?.resize());
  }
}

customElements.define('gantry-chart', GantryChart);

declare global {
  interface HTMLElementTagNameMap {
    'gantry-chart': GantryChart;
  }
}
