import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { map } from 'rxjs';
import { SessionStore } from '../core/session.store';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { describeError } from '../core/errors';
import { CAMPAIGNS, type CampaignSummary, type Distribution } from './campaign.operations';

const distributionLabel = (distribution: Distribution) => `distributionShort.${distribution}` as MessageKey;

@Component({
  selector: 'parley-campaign-list',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>{{ t('shell.campaigns') }}</h1>
        <p class="sub">{{ t('campaigns.intro') }}</p>
      </div>
      @if (session.canManage()) {
        <a class="button primary" routerLink="/campaigns/new">+ {{ t('editor.newCampaign') }}</a>
      }
    </div>
    @if (created(); as c) {
      <section class="panel created" aria-labelledby="created-title" data-testid="created-campaign">
        <div class="created-head">
          <h2 id="created-title">{{ t('campaignCreated.title', { name: c.name }) }}</h2>
          <button type="button" class="button ghost" (click)="created.set(null)">{{ t('campaignCreated.dismiss') }}</button>
        </div>
        <p class="sub">{{ t('campaignCreated.body') }}</p>
        <div class="embed">
          <code data-testid="created-embed-code">{{ c.embedCode }}</code>
          <button type="button" class="button" (click)="copy(c.embedCode)">{{ copied() ? t('editor.copied') : t('editor.copy') }}</button>
        </div>
        <a class="button primary next" [routerLink]="['/campaigns', c.id]">{{ t('campaignCreated.next') }}</a>
      </section>
    }
    @if (state().error; as error) {
      <p class="alert" role="alert">{{ error }}</p>
    }
    <div class="panel">
      <table>
        <caption class="visually-hidden">{{ t('shell.campaigns') }}</caption>
        <thead>
          <tr><th>{{ t('editor.name') }}</th><th>{{ t('campaigns.status') }}</th><th>{{ t('campaigns.hours') }}</th><th>{{ t('campaigns.routing') }}</th><th class="num">{{ t('campaigns.agents') }}</th></tr>
        </thead>
        <tbody>
          @for (campaign of state().campaigns; track campaign.id) {
            <tr>
              <td>
                <a class="name" [routerLink]="['/campaigns', campaign.id]">
                  <span class="swatch" aria-hidden="true" [style.background]="campaign.colour"></span>{{ campaign.name }}
                </a>
              </td>
              <td><span class="badge" [class.on]="campaign.enabled" [class.off]="!campaign.enabled">{{ campaign.enabled ? t('common.enabled') : t('common.disabled') }}</span></td>
              <td><span class="badge" [class.open]="campaign.openNow" [class.off]="!campaign.openNow">{{ campaign.openNow ? t('campaigns.openNow') : t('campaigns.closedNow') }}</span></td>
              <td>{{ t(distributionLabel(campaign.distribution)) }}</td>
              <td class="num">{{ campaign.members.length }}</td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="empty">{{ state().loading ? t('inbox.loading') : t('campaigns.none') }}</td></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .heading { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 20px; }
    h1 { font-size: 24px; }
    .sub { margin: 4px 0 0; color: var(--muted); }
    .alert { margin-bottom: 16px; }
    table { width: 100%; border-collapse: collapse; }
    th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; padding: 12px 16px; border-bottom: 1px solid var(--border); }
    td { padding: 14px 16px; border-bottom: 1px solid #f1f5f9; }
    tr:last-child td { border-bottom: 0; }
    .num { text-align: right; }
    .name { display: inline-flex; align-items: center; gap: 10px; font-weight: 600; color: var(--text); text-decoration: none; }
    .name:hover { color: var(--accent); }
    .swatch { width: 12px; height: 12px; border-radius: 4px; }
    .empty { text-align: center; color: var(--muted); padding: 32px; }
    .created { padding: 18px 22px; margin-bottom: 18px; border-left: 4px solid var(--success); display: flex; flex-direction: column; gap: 10px; align-items: flex-start; }
    .created-head { display: flex; justify-content: space-between; align-items: center; width: 100%; }
    .created h2 { font-size: 16px; margin: 0; }
    .created .sub { margin: 0; color: #475569; }
    .embed { display: flex; gap: 10px; align-items: center; width: 100%; }
    .embed code { flex: 1; background: #0f172a; color: #e2e8f0; padding: 10px 12px; border-radius: 8px; font-size: 12px; word-break: break-all; }
  `,
})
export class CampaignListPage {
  protected readonly session = inject(SessionStore);
  protected readonly t = inject(I18n).t;
  protected readonly distributionLabel = distributionLabel;
  /** The campaign the editor has just created (navigation state): its embed code, shown once here. */
  protected readonly created = signal<{ id: string; name: string; embedCode: string } | null>(
    (history.state as { created?: { id: string; name: string; embedCode: string } } | null)?.created ?? null,
  );
  protected readonly copied = signal(false);

  protected copy(code: string): void {
    void navigator.clipboard?.writeText(code).then(() => this.copied.set(true));
  }
  protected readonly state = toSignal(
    inject(Apollo)
      .watchQuery<{ campaigns: CampaignSummary[] }>({ query: CAMPAIGNS })
      .valueChanges.pipe(
        map((result) => ({
          campaigns: (result.data?.campaigns ?? []) as CampaignSummary[],
          loading: result.loading,
          error: result.error ? describeError(result.error, this.t) : '',
        })),
      ),
    { initialValue: { campaigns: [] as CampaignSummary[], loading: true, error: '' } },
  );
}
