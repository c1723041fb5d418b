import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { gql } from 'apollo-angular';
import { describeError } from '../core/errors';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { AdminApi, refusalOf } from './admin-api';
import { AdminDialog } from './admin-dialog';
import { refusalWords } from './refusal-words';

type Scope = 'CAMPAIGNS_READ' | 'INTERACTIONS_READ' | 'STATS_READ';
interface ApiKey { id: string; name: string; scopes: Scope[]; createdAt: string; lastUsedAt: string | null }

const SCOPES: readonly Scope[] = ['CAMPAIGNS_READ', 'INTERACTIONS_READ', 'STATS_READ'];
const KEY_FIELDS = 'id name scopes createdAt lastUsedAt';
const API_KEYS = gql`query AdminApiKeys { apiKeys { ${KEY_FIELDS} } }`;
const CREATE_API_KEY = gql`mutation CreateApiKey($name: String!, $scopes: [ApiScope!]!) { createApiKey(name: $name, scopes: $scopes) { key apiKey { ${KEY_FIELDS} } } }`;
const REVOKE_API_KEY = gql`mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id } }`;

type Dialog = { kind: 'create' } | { kind: 'created'; key: string; name: string } | { kind: 'revoke'; apiKey: ApiKey };

/** Keys for other systems (BI tools, CRMs): created with scopes, the secret shown once, revoked at once (admins). */
@Component({
  selector: 'parley-api-keys',
  imports: [AdminDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>{{ t('apiKeys.title') }}</h1>
        <p class="sub">{{ t('apiKeys.intro') }}</p>
      </div>
      <button type="button" class="button primary" (click)="open({ kind: 'create' })">+ {{ t('apiKeys.new') }}</button>
    </div>
    @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
    <p class="notice-line" role="status">@if (notice()) { <span class="notice">{{ notice() }}</span> }</p>
    <div class="panel">
      <table>
        <caption class="visually-hidden">{{ t('apiKeys.title') }}</caption>
        <thead>
          <tr>
            <th scope="col">{{ t('apiKeys.name') }}</th>
            <th scope="col">{{ t('apiKeys.scopes') }}</th>
            <th scope="col">{{ t('apiKeys.created') }}</th>
            <th scope="col">{{ t('apiKeys.lastUsed') }}</th>
            <th scope="col"><span class="visually-hidden">{{ t('users.actions') }}</span></th>
          </tr>
        </thead>
        <tbody>
          @for (apiKey of keys(); track apiKey.id) {
            <tr>
              <td><strong>{{ apiKey.name }}</strong></td>
              <td><span class="scopes">@for (scope of apiKey.scopes; track scope) { <span class="pill scope" [title]="t(scopeHint(scope))">{{ t(scopeLabel(scope)) }}</span> }</span></td>
              <td class="muted">{{ i18n.dateTime(apiKey.createdAt) }}</td>
              <td class="muted">{{ apiKey.lastUsedAt ? i18n.dateTime(apiKey.lastUsedAt) : t('apiKeys.neverUsed') }}</td>
              <td><div class="row-actions"><button type="button" class="button ghost" (click)="open({ kind: 'revoke', apiKey })" [attr.aria-label]="t('apiKeys.revokeOf', { name: apiKey.name })">{{ t('apiKeys.revoke') }}</button></div></td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="empty">{{ loading() ? t('inbox.loading') : t('apiKeys.none') }}</td></tr>
          }
        </tbody>
      </table>
    </div>

    @if (dialog(); as d) {
      @switch (d.kind) {
        @case ('create') {
          <parley-admin-dialog [heading]="t('apiKeys.new')" (dismissed)="close()">
            <form class="form" (submit)="create($event)" novalidate>
              <div class="field">
                <label for="key-name">{{ t('apiKeys.name') }}</label>
                <input id="key-name" [value]="name()" (input)="name.set($any($event.target).value); nameProblem.set('')" maxlength="120" autocomplete="off"
                       [attr.aria-invalid]="nameProblem() ? 'true' : null" [attr.aria-describedby]="nameProblem() ? 'key-name-error' : 'key-name-hint'" />
                <p class="hint" id="key-name-hint">{{ t('apiKeys.nameHint') }}</p>
                @if (nameProblem()) { <p class="field-error" id="key-name-error">{{ nameProblem() }}</p> }
              </div>
              <fieldset class="scopes-field" [attr.aria-describedby]="scopesProblem() ? 'key-scopes-error' : null">
                <legend>{{ t('apiKeys.scopes') }}</legend>
                @for (scope of scopes; track scope) {
                  <label class="scope-choice">
                    <input type="checkbox" [checked]="chosen().includes(scope)" (change)="toggle(scope)" />
                    <span><strong>{{ t(scopeLabel(scope)) }}</strong><small>{{ t(scopeHint(scope)) }}</small></span>
                  </label>
                }
                @if (scopesProblem()) { <p class="field-error" id="key-scopes-error">{{ scopesProblem() }}</p> }
              </fieldset>
              @if (dialogError()) { <p class="alert" role="alert">{{ dialogError() }}</p> }
              <div class="dialog-actions">
                <button type="button" class="button" (click)="close()">{{ t('common.cancel') }}</button>
                <button type="submit" class="button primary" [disabled]="busy()">{{ t('apiKeys.create') }}</button>
              </div>
            </form>
          </parley-admin-dialog>
        }
        @case ('created') {
          <parley-admin-dialog [heading]="t('apiKeys.createdTitle', { name: d.name })" (dismissed)="close()">
            <p class="warning" role="alert"><strong>{{ t('apiKeys.onceTitle') }}</strong> {{ t('apiKeys.onceBody') }}</p>
            <div class="secret">
              <code data-testid="api-key-secret">{{ d.key }}</code>
              <button type="button" class="button" (click)="copy(d.key)">{{ copied() ? t('editor.copied') : t('apiKeys.copy') }}</button>
            </div>
            <p class="hint">{{ t('apiKeys.usage') }}</p>
            <div class="dialog-actions"><button type="button" class="button primary" (click)="close()">{{ t('apiKeys.stored') }}</button></div>
          </parley-admin-dialog>
        }
        @case ('revoke') {
          <parley-admin-dialog [heading]="t('apiKeys.revokeTitle', { name: d.apiKey.name })" (dismissed)="close()">
            <p>{{ t('apiKeys.revokeQuestion') }}</p>
            @if (dialogError()) { <p class="alert" role="alert">{{ dialogError() }}</p> }
            <div class="dialog-actions">
              <button type="button" class="button" (click)="close()">{{ t('common.cancel') }}</button>
              <button type="button" class="button danger" (click)="revoke(d.apiKey)" [disabled]="busy()">{{ t('apiKeys.revoke') }}</button>
            </div>
          </parley-admin-dialog>
        }
      }
    }
  `,
  styleUrl: './admin-screen.css',
  styles: `
    .scopes { display: flex; gap: 6px; flex-wrap: wrap; }
    .scopes-field { border: 1px solid var(--border); border-radius: 10px; padding: 10px 14px 12px; margin: 0; display: flex; flex-direction: column; gap: 10px; }
    .scopes-field legend { padding: 0 6px; font-size: 12px; font-weight: 600; color: #475569; text-transform: uppercase; letter-spacing: .04em; }
    .scope-choice { display: flex; gap: 10px; align-items: flex-start; font-size: 13.5px; cursor: pointer; }
    .scope-choice input { margin-top: 3px; }
    .scope-choice small { display: block; color: #475569; font-size: 12px; }
  `,
})
export class ApiKeysPage {
  private readonly api = inject(AdminApi);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly scopes = SCOPES;
  protected readonly keys = signal<ApiKey[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogError = signal('');
  protected readonly busy = signal(false);
  protected readonly copied = signal(false);
  protected readonly name = signal('');
  protected readonly chosen = signal<Scope[]>([]);
  protected readonly nameProblem = signal('');
  protected readonly scopesProblem = signal('');

  constructor() {
    void this.load();
  }

  protected scopeLabel(scope: Scope): MessageKey {
    return `apiKeys.scope.${scope}`;
  }

  protected scopeHint(scope: Scope): MessageKey {
    return `apiKeys.scopeHint.${scope}`;
  }

  async load(): Promise<void> {
    try {
      const { apiKeys } = await this.api.query<{ apiKeys: ApiKey[] }>(API_KEYS);
      this.keys.set(apiKeys);
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected open(dialog: Dialog): void {
    this.name.set('');
    this.chosen.set([]);
    this.nameProblem.set('');
    this.scopesProblem.set('');
    this.dialogError.set('');
    this.notice.set('');
    this.copied.set(false);
    this.dialog.set(dialog);
  }

  protected close(): void {
    this.dialog.set(null);
  }

  protected toggle(scope: Scope): void {
    this.scopesProblem.set('');
    this.chosen.update((list) => (list.includes(scope) ? list.filter((s) => s !== scope) : SCOPES.filter((s) => s === scope || list.includes(s))));
  }

  protected async create(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.name().trim();
    this.nameProblem.set(name === '' ? this.t('apiKeys.problem.name') : '');
    this.scopesProblem.set(this.chosen().length === 0 ? this.t('apiKeys.problem.scopes') : '');
    if (this.nameProblem() || this.scopesProblem()) {
      if (this.nameProblem()) document.getElementById('key-name')?.focus();
      return;
    }
    this.busy.set(true);
    try {
      const { createApiKey } = await this.api.mutate<{ createApiKey: { key: string; apiKey: ApiKey } }>(CREATE_API_KEY, { name, scopes: this.chosen() });
      this.open({ kind: 'created', key: createApiKey.key, name: createApiKey.apiKey.name });
      await this.load();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.field === 'name') this.nameProblem.set(refusalWords(refusal.message, this.t));
      else if (refusal?.field === 'scopes') this.scopesProblem.set(refusalWords(refusal.message, this.t));
      else this.dialogError.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  protected async revoke(apiKey: ApiKey): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.mutate(REVOKE_API_KEY, { id: apiKey.id });
      this.dialog.set(null);
      this.notice.set(this.t('apiKeys.revoked', { name: apiKey.name }));
      await this.load();
    } catch (error) {
      this.dialogError.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  protected copy(key: string): void {
    void navigator.clipboard?.writeText(key).then(() => this.copied.set(true));
  }
}
