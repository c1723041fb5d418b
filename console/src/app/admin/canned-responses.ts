import { ChangeDetectionStrategy, Component, inject, input, signal, type OnInit } from '@angular/core';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import { AdminApi, refusalOf } from './admin-api';
import { CAMPAIGN_PARTS, CREATE_CANNED, DELETE_CANNED, UPDATE_CANNED, type CannedResponse } from './campaign-parts.operations';
import { refusalWords } from './refusal-words';
import { shortcutProblem, tidyShortcut } from './canned-responses-rules';

/** Answers agents insert by typing /shortcut; each change is saved at once (admins and supervisors). */
@Component({
  selector: 'parley-canned-responses',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="hint intro">{{ t('canned.intro') }}</p>
    @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
    <p class="visually-hidden" role="status">{{ status() }}</p>
    <ul class="responses">
      @for (response of responses(); track response.id) {
        <li>
          @if (editing() === response.id) {
            <form class="edit" (submit)="save($event, response)" novalidate [attr.aria-label]="t('canned.editOf', { shortcut: response.shortcut })">
              <div class="field">
                <label for="canned-edit-shortcut">{{ t('canned.shortcut') }}</label>
                <input id="canned-edit-shortcut" [value]="shortcut()" (input)="shortcut.set($any($event.target).value); shortcutError.set('')" maxlength="33" spellcheck="false" autocomplete="off"
                       [attr.aria-invalid]="shortcutError() ? 'true' : null" [attr.aria-describedby]="shortcutError() ? 'canned-edit-shortcut-error' : null" />
                @if (shortcutError()) { <p class="field-error" id="canned-edit-shortcut-error">{{ shortcutError() }}</p> }
              </div>
              <div class="field">
                <label for="canned-edit-text">{{ t('canned.text') }}</label>
                <textarea id="canned-edit-text" rows="3" [value]="text()" (input)="text.set($any($event.target).value); textError.set('')" maxlength="5000"
                          [attr.aria-invalid]="textError() ? 'true' : null" [attr.aria-describedby]="textError() ? 'canned-edit-text-error' : null"></textarea>
                @if (textError()) { <p class="field-error" id="canned-edit-text-error">{{ textError() }}</p> }
              </div>
              <div class="row-actions">
                <button type="button" class="button" (click)="editing.set(null)">{{ t('common.cancel') }}</button>
                <button type="submit" class="button primary" [disabled]="busy()">{{ t('common.saveChanges') }}</button>
              </div>
            </form>
          } @else {
            <code class="shortcut">/{{ response.shortcut }}</code>
            <span class="text">{{ response.text }}</span>
            <span class="row-actions">
              <button type="button" class="button ghost" (click)="startEdit(response)" [attr.aria-label]="t('canned.editOf', { shortcut: response.shortcut })">{{ t('users.edit') }}</button>
              <button type="button" class="button ghost" (click)="remove(response)" [disabled]="busy()" [attr.aria-label]="t('canned.deleteOf', { shortcut: response.shortcut })">{{ t('canned.delete') }}</button>
            </span>
          }
        </li>
      } @empty {
        <li class="empty">{{ loading() ? t('inbox.loading') : t('canned.none') }}</li>
      }
    </ul>
    <form class="new" (submit)="save($event, null)" novalidate [attr.aria-label]="t('canned.new')">
      <h3>{{ t('canned.new') }}</h3>
      <div class="new-grid">
        <div class="field">
          <label for="canned-shortcut">{{ t('canned.shortcut') }}</label>
          <input id="canned-shortcut" [value]="editing() ? '' : shortcut()" (input)="shortcut.set($any($event.target).value); shortcutError.set('')" maxlength="33" spellcheck="false" autocomplete="off" placeholder="/thanks"
                 [attr.aria-invalid]="!editing() && shortcutError() ? 'true' : null" [attr.aria-describedby]="!editing() && shortcutError() ? 'canned-shortcut-error' : 'canned-shortcut-hint'" />
          <small class="hint" id="canned-shortcut-hint">{{ t('canned.shortcutHint') }}</small>
          @if (!editing() && shortcutError()) { <p class="field-error" id="canned-shortcut-error">{{ shortcutError() }}</p> }
        </div>
        <div class="field">
          <label for="canned-text">{{ t('canned.text') }}</label>
          <textarea id="canned-text" rows="2" [value]="editing() ? '' : text()" (input)="text.set($any($event.target).value); textError.set('')" maxlength="5000"
                    [attr.aria-invalid]="!editing() && textError() ? 'true' : null" [attr.aria-describedby]="!editing() && textError() ? 'canned-text-error' : null"></textarea>
          @if (!editing() && textError()) { <p class="field-error" id="canned-text-error">{{ textError() }}</p> }
        </div>
      </div>
      <button type="submit" class="button primary" [disabled]="busy() || editing() !== null">+ {{ t('canned.add') }}</button>
    </form>
  `,
  styleUrl: './admin-screen.css',
  styles: `
    .intro { margin: 0 0 14px; }
    .responses { list-style: none; margin: 0 0 18px; padding: 0; border: 1px solid var(--border); border-radius: 10px; }
    .responses li { display: grid; grid-template-columns: 150px minmax(0, 1fr) auto; gap: 14px; align-items: center; padding: 10px 14px; border-bottom: 1px solid #eef2f7; }
    .responses li:last-child { border-bottom: 0; }
    .responses li.empty { display: block; text-align: center; color: #475569; padding: 24px; }
    .shortcut { font-size: 12.5px; background: #eef2ff; color: #3730a3; border-radius: 6px; padding: 3px 8px; justify-self: start; }
    .text { font-size: 13.5px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .edit { grid-column: 1 / -1; display: grid; grid-template-columns: 180px minmax(0, 1fr); gap: 12px; }
    .edit .row-actions { grid-column: 1 / -1; }
    .new { display: flex; flex-direction: column; gap: 10px; align-items: flex-start; border-top: 1px solid var(--border); padding-top: 14px; }
    .new h3 { font-size: 14px; margin: 0; }
    .new-grid { display: grid; grid-template-columns: 240px minmax(0, 1fr); gap: 12px; width: 100%; }
  `,
})
export class CannedResponses implements OnInit {
  readonly campaignId = input.required<string>();
  private readonly api = inject(AdminApi);
  protected readonly t = inject(I18n).t;
  protected readonly responses = signal<CannedResponse[]>([]);
  protected readonly editing = signal<string | null>(null);
  protected readonly shortcut = signal('');
  protected readonly text = signal('');
  protected readonly shortcutError = signal('');
  protected readonly textError = signal('');
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    try {
      const { campaign } = await this.api.query<{ campaign: { cannedResponses: CannedResponse[] } | null }>(CAMPAIGN_PARTS, { id: this.campaignId() });
      this.responses.set(sorted(campaign?.cannedResponses ?? []));
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected startEdit(response: CannedResponse): void {
    this.shortcut.set(response.shortcut);
    this.text.set(response.text);
    this.shortcutError.set('');
    this.textError.set('');
    this.editing.set(response.id);
    setTimeout(() => document.getElementById('canned-edit-text')?.focus());
  }

  protected async save(event: Event, response: CannedResponse | null): Promise<void> {
    event.preventDefault();
    const prefix = response ? 'canned-edit' : 'canned';
    const others = this.responses().filter((other) => other.id !== response?.id);
    const problem = shortcutProblem(this.shortcut(), others);
    this.shortcutError.set(problem ? this.t(problem) : '');
    this.textError.set(this.text().trim() === '' ? this.t('canned.problem.text') : '');
    if (this.shortcutError() || this.textError()) {
      document.getElementById(`${prefix}-${this.shortcutError() ? 'shortcut' : 'text'}`)?.focus();
      return;
    }
    this.busy.set(true);
    this.error.set('');
    try {
      const variables = { shortcut: tidyShortcut(this.shortcut()), text: this.text().trim() };
      if (response) {
        const { updateCannedResponse } = await this.api.mutate<{ updateCannedResponse: CannedResponse }>(UPDATE_CANNED, { id: response.id, ...variables });
        this.responses.update((list) => sorted(list.map((item) => (item.id === response.id ? updateCannedResponse : item))));
        this.editing.set(null);
      } else {
        const { createCannedResponse } = await this.api.mutate<{ createCannedResponse: CannedResponse }>(CREATE_CANNED, { campaignId: this.campaignId(), ...variables });
        this.responses.update((list) => sorted([...list, createCannedResponse]));
      }
      this.status.set(this.t('canned.savedOne', { shortcut: variables.shortcut }));
      this.shortcut.set('');
      this.text.set('');
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.field === 'shortcut' || refusal?.code === 'CONFLICT') this.shortcutError.set(refusal.code === 'CONFLICT' ? this.t('canned.problem.taken') : refusalWords(refusal.message, this.t));
      else if (refusal?.field === 'text') this.textError.set(refusalWords(refusal.message, this.t));
      else this.error.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(response: CannedResponse): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.mutate(DELETE_CANNED, { id: response.id });
      this.responses.update((list) => list.filter((item) => item.id !== response.id));
      this.status.set(this.t('canned.deleted', { shortcut: response.shortcut }));
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}

const sorted = (list: CannedResponse[]): CannedResponse[] => [...list].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
