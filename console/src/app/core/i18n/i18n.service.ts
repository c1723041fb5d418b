import { computed, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { interpolate, localeOf, pickLanguage, type MessageKey, type MessageParams, type UiLanguage } from './i18n';
import { EN } from './messages.en';
import { ES } from './messages.es';
import { PT } from './messages.pt';
import { ADMINISTRATION_EN } from './messages.administration.en';
import { ADMINISTRATION_ES } from './messages.administration.es';
import { ADMINISTRATION_PT } from './messages.administration.pt';

const STORAGE_KEY = 'parley.language';
const DICTIONARIES: Record<UiLanguage, { readonly [K in MessageKey]: string }> = {
  en: { ...EN, ...ADMINISTRATION_EN },
  es: { ...ES, ...ADMINISTRATION_ES },
  pt: { ...PT, ...ADMINISTRATION_PT },
};

/**
 * The language the person chose, as a signal: templates call `t('key')`, which reads it, so every
 * OnPush view that shows a text is refreshed when the language changes. Dates and times use the
 * same choice through Intl.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<UiLanguage>(pickLanguage(readStored(), navigator.languages ?? [navigator.language]));
  readonly language = this.current.asReadonly();
  readonly locale = computed(() => localeOf(this.current()));
  private readonly timeFormat = computed(() => new Intl.DateTimeFormat(this.locale(), { hour: '2-digit', minute: '2-digit' }));
  private readonly dateTimeFormat = computed(() => new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium', timeStyle: 'short' }));

  constructor() {
    this.document.documentElement.lang = this.current();
  }

  /** The text of a key in the chosen language. An arrow function, so templates may use it unbound. */
  readonly t = (key: MessageKey, params?: MessageParams): string => interpolate(DICTIONARIES[this.current()][key], params);

  use(language: UiLanguage): void {
    this.current.set(language);
    this.document.documentElement.lang = language;
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private modes may refuse storage; the choice then lasts for this page only.
    }
  }

  time = (value: string | Date | null | undefined): string => (value ? this.timeFormat().format(new Date(value)) : '');
  dateTime = (value: string | Date | null | undefined): string => (value ? this.dateTimeFormat().format(new Date(value)) : '');
  number = (value: number): string => new Intl.NumberFormat(this.locale()).format(value);
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
