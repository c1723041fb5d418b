import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { map } from 'rxjs';
import { SessionStore } from '../core/session.store';
import { describeError } from '../core/errors';
import { CAMPAIGNS, type CampaignSummary, type Distribution } from './campaign.operations';

const DISTRIBUTION_LABELS: Record<Distribution, string> = {
  RRMEMORY: 'Round robin',
  LEASTRECENT: 'Least recent',
  FEWEST: 'Fewest chats',
  LINEAR: 'Linear',
  RANDOM: 'Random',
  WRANDOM: 'Weighted random',
  RINGALL: 'Ring all',
  AGENT_PICKS: 'Agent picks',
};

@Component({
  selector: 'parley-campaign-list',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="heading">
      <div>
        <h1>Campaigns</h1>
        <p class="sub">Each campaign is a webchat queue with its own schedule, rules and widget.</p>
      </div>
      @if (session.canManage()) {
        <a class="button primary" routerLink="/campaigns/new">+ New campaign</a>
      }
    </div>
    @if (state().error; as error) {
      <p class="alert" role="alert">{{ error }}</p>
    }
    <div class="panel">
      <table>
        <caption class="visually-hidden">Campaigns</caption>
        <thead>
          <tr><th>Name</th><th>Status</th><th>Hours</th><th>Routing</th><th class="num">Agents</th></tr>
        </thead>
        <tbody>
          @for (campaign of state().campaigns; track campaign.id) {
            <tr>
              <td>
                <a class="name" [routerLink]="['/campaigns', campaign.id]">
                  <span class="swatch" aria-hidden="true" [style.background]="campaign.colour"></span>{{ campaign.name }}
                </a>
              </td>
              <td><span class="badge" [class.on]="campaign.enabled" [class.off]="!campaign.enabled">{{ campaign.enabled ? 'Enabled' : 'Disabled' }}</span></td>
              <td><span class="badge" [class.open]="campaign.openNow" [class.off]="!campaign.openNow">{{ campaign.openNow ? 'Open now' : 'Closed now' }}</span></td>
              <td>{{ labels[campaign.distribution] }}</td>
              <td class="num">{{ campaign.members.length }}</td>
            </tr>
          } @empty {
            <tr><td colspan="5" class="empty">{{ state().loading ? 'Loading campaigns…' : 'No campaigns yet.' }}</td></tr>
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
  `,
})
export class CampaignListPage {
  protected readonly session = inject(SessionStore);
  protected readonly labels = DISTRIBUTION_LABELS;
  protected readonly state = toSignal(
    inject(Apollo)
      .watchQuery<{ campaigns: CampaignSummary[] }>({ query: CAMPAIGNS })
      .valueChanges.pipe(
        map((result) => ({
          campaigns: (result.data?.campaigns ?? []) as CampaignSummary[],
          loading: result.loading,
          error: result.error ? describeError(result.error) : '',
        })),
      ),
    { initialValue: { campaigns: [] as CampaignSummary[], loading: true, error: '' } },
  );
}
