import { effect } from '@preact/signals';
import { h, render } from 'preact';
import type { WidgetEventName, WidgetEvents } from './events';
import { chooseLanguage, isLanguage, type Language } from './i18n';
import { CSS } from './styles';
import { themeCss } from './theme';
import { App } from './views/App';
import { Widget } from './widget';

/**
 * Parley's customer widget. Paste the campaign's embed code into any page of
 * an allowed site:
 *
 * ```html
 * <script src="https://parley.example/widget.js" data-campaign="KEY" data-lang="es" async></script>
 * ```
 *
 * `data-lang` (`en`, `es` or `pt`) is optional: the browser's language is
 * used otherwise, then English. Once loaded, the page can drive the widget
 * through `window.Parley` (listen for the `parley:ready` event on `window` if
 * your code may run first):
 *
 * ```js
 * Parley.on('message', (message) => console.log(message.sender, message.text));
 * document.querySelector('#help').addEventListener('click', () => Parley.open());
 * ```
 */
export interface ParleyApi {
  /** The widget's version. */
  readonly version: string;
  /** Opens the chat panel and moves keyboard focus into it. */
  open(): void;
  /** Closes (minimizes) the chat panel; a chat in progress goes on. */
  close(): void;
  /** Switches the widget's language (`en`, `es` or `pt`), the campaign's messages included. */
  setLanguage(language: Language): void;
  /**
   * Calls `listener` on each `event`; returns a function that stops it.
   * - `open`, `close`: the panel opened or closed.
   * - `chatStarted` `{ interactionId }`: a chat was started.
   * - `message` `{ interactionId, seq, sender, text, attachment, createdAt }`: a new message from anyone.
   * - `chatEnded` `{ interactionId, state, closeReason }`: the chat ended.
   */
  on<K extends WidgetEventName>(event: K, listener: (detail: WidgetEvents[K]) => void): () => void;
}

declare global {
  interface Window {
    Parley?: ParleyApi;
  }
}

const VERSION = '1.0.0';

/** Styles through constructable stylesheets (allowed under a CSP without 'unsafe-inline'); <style> only where they do not exist. */
function adoptStyles(root: ShadowRoot, widget: Widget): void {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    const base = new CSSStyleSheet();
    const theme = new CSSStyleSheet();
    base.replaceSync(CSS);
    root.adoptedStyleSheets = [base, theme];
    effect(() => theme.replaceSync(themeCss(widget.theme.value)));
  } else {
    const base = document.createElement('style');
    const theme = document.createElement('style');
    base.textContent = CSS;
    root.append(base, theme);
    effect(() => void (theme.textContent = themeCss(widget.theme.value)));
  }
}

function boot(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const campaignKey = script?.dataset.campaign;
  if (!script || !campaignKey) {
    console.warn('[parley] the embed code needs data-campaign');
    return;
  }
  if (window.Parley) return; // the embed code pasted twice
  const apiBase = new URL(script.src, location.href).origin;
  const widget = new Widget(apiBase, campaignKey, chooseLanguage(script.dataset.lang, navigator.languages ?? [navigator.language]));

  // The launcher first: drawn now, before anything is fetched.
  const host = document.createElement('parley-widget');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, widget);
  const container = document.createElement('div');
  root.append(container);
  render(h(App, { widget }), container);
  // On <html>, not <body>: pages that replace or hide their body (SPA navigation) keep the widget.
  document.documentElement.append(host);

  window.Parley = Object.freeze({
    version: VERSION,
    open: () => widget.setOpen(true),
    close: () => widget.setOpen(false),
    setLanguage: (language: Language) => {
      if (isLanguage(language)) void widget.setLanguage(language);
      else console.warn(`[parley] unknown language ${String(language)}: use en, es or pt`);
    },
    on: <K extends WidgetEventName>(event: K, listener: (detail: WidgetEvents[K]) => void) => widget.events.on(event, listener),
  });
  dispatchEvent(new CustomEvent('parley:ready'));
  void widget.boot();
}

boot();
