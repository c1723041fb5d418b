export type WidgetLanguage = 'en' | 'es' | 'pt';

/** The embed code's `data-lang` if it names a supported language, else the browser's, else English. */
export function chooseLanguage(requested: string | undefined, browser: readonly string[]): WidgetLanguage {
  for (const candidate of [requested, ...browser]) {
    const code = candidate?.slice(0, 2).toLowerCase();
    if (code === 'en' || code === 'es' || code === 'pt') return code;
  }
  return 'en';
}

const LABELS = {
  en: { open: 'Chat with us', close: 'Close chat', closed: 'We are closed now' },
  es: { open: 'Chatea con nosotros', close: 'Cerrar chat', closed: 'Ahora estamos cerrados' },
  pt: { open: 'Fale conosco', close: 'Fechar chat', closed: 'Estamos fechados agora' },
} as const;

export const labels = (language: WidgetLanguage) => LABELS[language];
