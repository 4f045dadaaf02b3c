import { LitElement, css, html, type CSSResult } from 'lit';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
// Vaadin's build turns an imported stylesheet into a Lit CSSResult; it is adopted below, not injected by the import.
import xtermStyles from '@xterm/xterm/css/xterm.css?inline';

/*
 * The terminal renders into its own light DOM, not into a shadow root: xterm 5 reads styles and selection through
 * document-level APIs (mouse selection breaks inside a shadow root in Firefox), and its helper textarea and rows stay
 * reachable by plain selectors for tests. Its stylesheet is therefore adopted by the document (or by whichever shadow
 * root the element is placed in), once per root.
 */
const ownStyles = css`
  gantry-terminal {
    display: block;
    position: relative;
    box-sizing: border-box;
    min-height: 8em;
    padding: var(--lumo-space-xs, 0.25rem);
    border-radius: var(--lumo-border-radius-m, 0.25em);
    /* The terminal's colours and font are read from here, so they follow Lumo and the colour scheme. */
    background-color: var(--lumo-base-color, Canvas);
    color: var(--lumo-body-text-color, CanvasText);
    caret-color: var(--lumo-primary-color, CanvasText);
    font-family: ui-monospace, 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace;
    font-size: var(--lumo-font-size-s, 14px);
  }

  gantry-terminal > .gantry-terminal-screen {
    width: 100%;
    height: 100%;
  }
`;

const adoptedRoots = new WeakSet<Document | ShadowRoot>();

function adoptStyles(root: Node) {
  if (!(root instanceof Document || root instanceof ShadowRoot) || adoptedRoots.has(root)) {
    return;
  }
  const sheets = [xtermStyles as CSSResult, ownStyles].map((style) => style.styleSheet).filter((s) => s != null);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...(sheets as CSSStyleSheet[])];
  adoptedRoots.add(root);
}

// ANSI colours readable on a light and on a dark background; the rest of the theme comes from Lumo.
const paletteOnLight: ITheme = {
  black: '#1f2328', red: '#c4162a', green: '#1a7f37', yellow: '#8a6100', blue: '#0a58ca', magenta: '#8250df',
  cyan: '#0f7b8a', white: '#6e7781', brightBlack: '#57606a', brightRed: '#d1242f', brightGreen: '#2da44e',
  brightYellow: '#9a6700', brightBlue: '#218bff', brightMagenta: '#a475f9', brightCyan: '#1b98a8',
  brightWhite: '#8c959f',
};
const paletteOnDark: ITheme = {
  black: '#3b4048', red: '#ff6b6b', green: '#7ee787', yellow: '#e3b341', blue: '#79b8ff', magenta: '#d2a8ff',
  cyan: '#56d4dd', white: '#c9d1d9', brightBlack: '#6e7681', brightRed: '#ffa198', brightGreen: '#aff5b4',
  brightYellow: '#f8e3a1', brightBlue: '#a5d6ff', brightMagenta: '#e2c5ff', brightCyan: '#b3f0ff',
  brightWhite: '#f0f6fc',
};

function channels(color: string): number[] {
  return (color.match(/[\d.]+/g) ?? []).map(Number);
}

function isDark(color: string): boolean {
  const [r = 255, g = 255, b = 255] = channels(color);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

function translucent(color: string, alpha: number): string {
  const [r = 0, g = 0, b = 0] = channels(color);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * A terminal screen: shows what {@link write} is given and reports what the user types (`terminal-data`, with
 * `detail.data`) and the size that fits the element (`terminal-resize`, with `detail.cols` and `detail.rows`).
 */
export class GantryTerminal extends LitElement {
  private terminal?: Terminal;
  private fitAddon = new FitAddon();
  private disposeTimer = 0;
  // What arrives before the screen exists is kept, so that nothing written early is lost.
  private pendingWrites: string[] = [];
  private reportedSize = '';
  private appliedColors = '';
  private fitFrame = 0;
  private readonly resizeObserver = new ResizeObserver(() => this.scheduleFit());
  private readonly schemeObserver = new MutationObserver(() => this.applyTheme());
  private readonly systemScheme = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly onSystemSchemeChange = () => this.applyTheme();

  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this.getRootNode());
    this.resizeObserver.observe(this);
    // Gantry switches light and dark by the `theme` attribute and the colour-scheme style on <html>.
    this.schemeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme', 'style'] });
    this.systemScheme.addEventListener('change', this.onSystemSchemeChange);
    clearTimeout(this.disposeTimer);
    if (this.terminal) {
      this.applyTheme();
      this.scheduleFit();
    } else if (this.hasUpdated) {
      this.openTerminal();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.schemeObserver.disconnect();
    this.systemScheme.removeEventListener('change', this.onSystemSchemeChange);
    cancelAnimationFrame(this.fitFrame);
    // A move within the page reconnects the element at once and keeps the screen; xterm holds listeners on the
    // window, so a terminal whose element stays out of the page is disposed to let it go.
    this.disposeTimer = window.setTimeout(() => this.disposeTerminal());
  }

  protected override render() {
    return html`<div class="gantry-terminal-screen"></div>`;
  }

  protected override firstUpdated() {
    this.openTerminal();
  }

  private openTerminal() {
    const style = getComputedStyle(this);
    const terminal = new Terminal({
      fontFamily: style.fontFamily,
      fontSize: parseFloat(style.fontSize) || 14,
      cursorBlink: true,
      scrollback: 5000,
    });
    this.fitAddon = new FitAddon();
    terminal.loadAddon(this.fitAddon);
    terminal.onData((data) => this.dispatchEvent(new CustomEvent('terminal-data', { detail: { data } })));
    terminal.onResize(() => this.reportSize());
    terminal.open(this.querySelector('.gantry-terminal-screen') as HTMLElement);
    this.terminal = terminal;
    this.applyTheme();
    this.fit();
    this.pendingWrites.forEach((text) => terminal.write(text));
    this.pendingWrites = [];
  }

  private disposeTerminal() {
    this.terminal?.dispose();
    this.terminal = undefined;
    this.reportedSize = '';
    this.appliedColors = '';
  }

  /** Shows text as a terminal does: control sequences (colours, cursor moves) are interpreted. */
  write(text: string) {
    if (this.terminal) {
      this.terminal.write(text);
    } else {
      this.pendingWrites.push(text);
    }
  }

  /** Clears the scrollback and the screen, keeping the line the cursor is on. */
  clear() {
    this.terminal?.clear();
    this.pendingWrites = [];
  }

  override focus() {
    this.terminal?.focus();
  }

  private scheduleFit() {
    cancelAnimationFrame(this.fitFrame);
    this.fitFrame = requestAnimationFrame(() => this.fit());
  }

  private fit() {
    // A hidden or zero-sized element has no size to fit; the observer calls again once it has one.
    if (this.terminal && this.fitAddon.proposeDimensions()) {
      this.fitAddon.fit();
      this.reportSize();
    }
  }

  /** Reports the size once at the start and then on every change, so the shell always knows its window. */
  private reportSize() {
    if (!this.terminal) {
      return;
    }
    const { cols, rows } = this.terminal;
    const size = `${cols}x${rows}`;
    if (size !== this.reportedSize) {
      this.reportedSize = size;
      this.dispatchEvent(new CustomEvent('terminal-resize', { detail: { cols, rows } }));
    }
  }

  private applyTheme() {
    if (!this.terminal) {
      return;
    }
    const style = getComputedStyle(this);
    const background = style.backgroundColor;
    // Other code touches <html>'s style too; only a change of colours is worth a repaint.
    const colors = [background, style.color, style.caretColor].join();
    if (colors === this.appliedColors) {
      return;
    }
    this.appliedColors = colors;
    this.terminal.options.theme = {
      ...(isDark(background) ? paletteOnDark : paletteOnLight),
      background,
      foreground: style.color,
      cursor: style.caretColor,
      cursorAccent: background,
      selectionBackground: translucent(style.caretColor, 0.3),
    };
  }
}

customElements.define('gantry-terminal', GantryTerminal);

declare global {
  interface HTMLElementTagNameMap {
    'gantry-terminal': GantryTerminal;
  }
}
