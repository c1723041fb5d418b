import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { isUiLanguage, UI_LANGUAGES } from './i18n';
import { I18n } from './i18n.service';

/** A select of the console's languages; the choice is remembered on this browser. */
@Component({
  selector: 'parley-language-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="language" [class.dark]="tone() === 'dark'">
      <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"><circle cx="12" cy="12" r="10"/><path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20"/></svg>
      <span class="visually-hidden">{{ i18n.t('language.label') }}</span>
      <select [value]="i18n.language()" (change)="choose($event)" [attr.aria-label]="i18n.t('language.label')">
        @for (language of languages; track language.code) {
          <option [value]="language.code" [selected]="language.code === i18n.language()" [attr.lang]="language.code">{{ language.label }}</option>
        }
      </select>
    </label>
  `,
  styles: `
    .language { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; color: var(--muted); }
    select { font: inherit; color: var(--text); border: 1px solid var(--border); border-radius: 8px; padding: 5px 8px; background: #fff; cursor: pointer; }
    select:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
  `,
})
export class LanguageMenu {
  protected readonly i18n = inject(I18n);
  protected readonly languages = UI_LANGUAGES;
  readonly tone = input<'light' | 'dark'>('light');

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isUiLanguage(value)) this.i18n.use(value);
  }
}
