import { ChangeDetectionStrategy, Component, computed, inject, input, signal, type OnInit } from '@angular/core';
import { describeError } from '../core/errors';
import { I18n } from '../core/i18n/i18n.service';
import { AdminApi, refusalOf } from './admin-api';
import { AGENTS, CAMPAIGN_PARTS, REMOVE_MEMBER, SET_MEMBER, type Agent, type Member } from './campaign-parts.operations';
import { refusalWords } from './refusal-words';

/** Which agents serve a campaign and with what penalty; each change is saved at once (admins and supervisors). */
@Component({
  selector: 'parley-campaign-members',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="hint intro">{{ t('members.intro') }}</p>
    <form class="add" (submit)="add($event)" novalidate [attr.aria-label]="t('members.add')">
      <div class="field">
        <label for="member-agent">{{ t('members.agent') }}</label>
        <select id="member-agent" [value]="agentId()" (change)="agentId.set($any($event.target).value); problem.set('')"
                [attr.aria-invalid]="problem() ? 'true' : null" [attr.aria-describedby]="problem() ? 'member-error' : null">
          <option value="">{{ t('members.choose') }}</option>
          @for (agent of candidates(); track agent.id) { <option [value]="agent.id">{{ agent.name }} · {{ agent.email }}</option> }
        </select>
      </div>
      <div class="field penalty">
        <label for="member-penalty">{{ t('members.penalty') }}</label>
        <input id="member-penalty" type="number" min="0" max="100" [value]="penalty()" (input)="penalty.set($any($event.target).value); penaltyProblem.set('')"
               [attr.aria-invalid]="penaltyProblem() ? 'true' : null" [attr.aria-describedby]="penaltyProblem() ? 'member-penalty-error' : 'member-penalty-hint'" />
      </div>
      <button type="submit" class="button primary" [disabled]="busy()">+ {{ t('members.addButton') }}</button>
    </form>
    <p class="hint" id="member-penalty-hint">{{ t('members.penaltyHint') }}</p>
    @if (problem()) { <p class="field-error" id="member-error">{{ problem() }}</p> }
    @if (penaltyProblem()) { <p class="field-error" id="member-penalty-error">{{ penaltyProblem() }}</p> }
    @if (error()) { <p class="alert" role="alert">{{ error() }}</p> }
    <p class="visually-hidden" role="status">{{ status() }}</p>

    <table>
      <caption class="visually-hidden">{{ t('members.title') }}</caption>
      <thead><tr><th scope="col">{{ t('members.agent') }}</th><th scope="col">{{ t('members.penalty') }}</th><th scope="col"><span class="visually-hidden">{{ t('users.actions') }}</span></th></tr></thead>
      <tbody>
        @for (member of members(); track member.agent.id) {
          <tr>
            <td><strong>{{ member.agent.name }}</strong><small>{{ member.agent.email }}</small></td>
            <td>
              <span class="penalty-cell">
                <input type="number" min="0" max="100" [value]="member.penalty" (change)="setPenalty(member, $any($event.target).value)" [attr.aria-label]="t('members.penaltyOf', { name: member.agent.name })" />
                <span class="meaning">{{ meaning(member.penalty) }}</span>
              </span>
            </td>
            <td><div class="row-actions"><button type="button" class="button ghost" (click)="remove(member)" [disabled]="busy()" [attr.aria-label]="t('members.removeOf', { name: member.agent.name })">{{ t('common.remove') }}</button></div></td>
          </tr>
        } @empty {
          <tr><td colspan="3" class="empty">{{ loading() ? t('inbox.loading') : t('members.none') }}</td></tr>
        }
      </tbody>
    </table>
  `,
  styleUrl: './admin-screen.css',
  styles: `
    .intro { margin: 0 0 14px; }
    .add { display: grid; grid-template-columns: minmax(0, 1fr) 120px auto; gap: 12px; align-items: end; }
    .add + .hint { margin: 6px 0 12px; }
    table { margin-top: 6px; border: 1px solid var(--border); border-radius: 10px; border-collapse: separate; border-spacing: 0; }
    .penalty-cell { display: inline-flex; gap: 10px; align-items: center; }
    .penalty-cell input { width: 72px; font: inherit; border: 1px solid #cbd5e1; border-radius: 8px; padding: 5px 8px; }
    .meaning { font-size: 12px; color: #475569; }
    .field-error { margin-bottom: 8px; }
  `,
})
export class CampaignMembers implements OnInit {
  readonly campaignId = input.required<string>();
  private readonly api = inject(AdminApi);
  protected readonly t = inject(I18n).t;
  protected readonly members = signal<Member[]>([]);
  private readonly agents = signal<Agent[]>([]);
  protected readonly candidates = computed(() => this.agents().filter((agent) => agent.active && !this.members().some((m) => m.agent.id === agent.id)));
  protected readonly agentId = signal('');
  protected readonly penalty = signal('0');
  protected readonly problem = signal('');
  protected readonly penaltyProblem = signal('');
  protected readonly error = signal('');
  protected readonly status = signal('');
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    try {
      const [{ campaign }, { users }] = await Promise.all([
        this.api.query<{ campaign: { members: Member[] } | null }>(CAMPAIGN_PARTS, { id: this.campaignId() }),
        this.api.query<{ users: Agent[] }>(AGENTS),
      ]);
      this.members.set(campaign?.members ?? []);
      this.agents.set([...users].sort((a, b) => a.name.localeCompare(b.name)));
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected meaning(penalty: number): string {
    return penalty === 0 ? this.t('members.meaning.first') : penalty >= 100 ? this.t('members.meaning.last') : this.t('members.meaning.after', { penalty });
  }

  protected async add(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.agentId()) {
      this.problem.set(this.t('members.problem.agent'));
      document.getElementById('member-agent')?.focus();
      return;
    }
    const penalty = this.checkedPenalty(this.penalty());
    if (penalty === null) {
      this.penaltyProblem.set(this.t('refusal.between', { min: 0, max: 100 }));
      document.getElementById('member-penalty')?.focus();
      return;
    }
    const name = this.agents().find((agent) => agent.id === this.agentId())?.name ?? '';
    if (await this.save(SET_MEMBER, { campaignId: this.campaignId(), agentId: this.agentId(), penalty }, 'setCampaignMember')) {
      this.agentId.set('');
      this.penalty.set('0');
      this.status.set(this.t('members.added', { name }));
    }
  }

  protected async setPenalty(member: Member, value: string): Promise<void> {
    const penalty = this.checkedPenalty(value);
    if (penalty === null) {
      this.error.set(this.t('members.problem.penaltyOf', { name: member.agent.name }));
      return;
    }
    if (await this.save(SET_MEMBER, { campaignId: this.campaignId(), agentId: member.agent.id, penalty }, 'setCampaignMember')) this.status.set(this.t('common.saved'));
  }

  protected async remove(member: Member): Promise<void> {
    if (await this.save(REMOVE_MEMBER, { campaignId: this.campaignId(), agentId: member.agent.id }, 'removeCampaignMember')) {
      this.status.set(this.t('members.removed', { name: member.agent.name }));
    }
  }

  private checkedPenalty(value: string): number | null {
    const penalty = Number(value);
    return String(value).trim() !== '' && Number.isInteger(penalty) && penalty >= 0 && penalty <= 100 ? penalty : null;
  }

  private async save(mutation: Parameters<AdminApi['mutate']>[0], variables: Record<string, unknown>, field: string): Promise<boolean> {
    this.busy.set(true);
    this.error.set('');
    try {
      const answer = await this.api.mutate<Record<string, { members: Member[] }>>(mutation, variables);
      this.members.set(answer[field]?.members ?? this.members());
      return true;
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.field === 'penalty') this.penaltyProblem.set(refusalWords(refusal.message, this.t));
      else if (refusal?.field === 'agentId' || refusal?.code === 'CONFLICT') this.problem.set(refusalWords(refusal.message, this.t));
      else this.error.set(describeError(error, this.t));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
