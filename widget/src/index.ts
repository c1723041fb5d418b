import { chooseLanguage } from './language';
import { loadWidgetConfig, WidgetError } from './transport';
import { renderWidget } from './view';

/**
 * Parley's customer widget. Embed with
 * `<script src="https://parley.example/widget.js" data-campaign="KEY" data-lang="es" async></script>`;
 * `data-lang` is optional (the browser's language is used otherwise).
 */
function boot(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return;
  const campaignKey = script.dataset.campaign;
  if (!campaignKey) {
    console.warn('[parley] the embed code needs data-campaign');
    return;
  }
  const apiBase = new URL(script.src, location.href).origin;
  const language = chooseLanguage(script.dataset.lang, navigator.languages ?? [navigator.language]);
  const host = document.createElement('parley-widget');
  host.setAttribute('data-campaign', campaignKey);

  loadWidgetConfig(apiBase, campaignKey, language)
    .then((config) => {
      renderWidget(host, config, language);
      document.body.append(host);
    })
    .catch((error: unknown) => {
      const code = error instanceof WidgetError ? error.code : 'NETWORK';
      console.warn(`[parley] widget not shown (${code}): ${(error as Error).message}`);
    });
}

boot();
