import { computed, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import type { Language } from './campaign-fields';
import type { CampaignForm } from './campaign-form';
import type { PreviewSettings } from './widget-preview';

/** What the widget preview beside the editor shows: the form's unsaved settings, in the language picked for the preview. */
export class CampaignPreview {
  readonly language = signal<Language>('en');
  /** The form's value as a signal, so the preview follows every edit. */
  private readonly value = signal<ReturnType<CampaignForm['getRawValue']> | null>(null);
  readonly settings = computed<PreviewSettings>(() => {
    const value = this.value();
    const language = this.language();
    return {
      name: value?.name ?? '',
      colour: value?.colour ?? '#2563EB',
      welcome: value?.welcomeMessage[language] ?? '',
      outOfTime: value?.outOfTimeMessage[language] ?? '',
      emailRequired: value?.emailRequired ?? false,
      customField: value?.customField ?? { label: '', visible: false, required: false },
      offlineMessageEnabled: value?.offlineMessageEnabled ?? false,
    };
  });

  /** Shows a form's settings from now on, following its changes until the subscription ends. */
  follow(form: CampaignForm): Subscription {
    this.value.set(form.getRawValue());
    return form.valueChanges.subscribe(() => this.value.set(form.getRawValue()));
  }
}
