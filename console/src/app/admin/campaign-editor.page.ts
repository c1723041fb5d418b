import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { map, type Observable } from 'rxjs';
import { describeError } from '../core/errors';
import { SessionStore } from '../core/session.store';
import { newCampaignInput } from './campaign-defaults';
import {
  campaignForm,
  LANGUAGES,
  MESSAGE_FIELDS,
  rangeGroup,
  rangesOf,
  THRESHOLD_FIELDS,
  toCampaignInput,
  WEEKDAYS,
  type CampaignForm,
} from './campaign-form';
import {
  CAMPAIGN,
  CAMPAIGNS,
  CREATE_CAMPAIGN,
  QUALITY_MODELS,
  UPDATE_CAMPAIGN,
  type CampaignDetail,
  type QualityModelSummary,
  type ScheduleException,
} from './campaign.operations';

@Component({
  selector: 'parley-campaign-editor',
  imports: [ReactiveFormsModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './campaign-editor.page.html',
  styleUrl: './campaign-editor.page.css',
})
export class CampaignEditorPage implements OnInit {
  /** Route parameter; absent for a new campaign. */
  readonly id = input<string>();

  private readonly apollo = inject(Apollo);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly session = inject(SessionStore);

  protected readonly languages = LANGUAGES;
  protected readonly messageFields = MESSAGE_FIELDS;
  protected readonly thresholdFields = THRESHOLD_FIELDS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly form = signal<CampaignForm | null>(null);
  protected readonly campaign = signal<CampaignDetail | null>(null);
  protected readonly qualityModels = signal<QualityModelSummary[]>([]);
  protected readonly language = signal<'en' | 'es' | 'pt'>('en');
  protected readonly error = signal('');
  protected readonly saved = signal(false);
  protected readonly busy = signal(false);
  private exceptions: ScheduleException[] = [];

  ngOnInit(): void {
    const id = this.id();
    if (!id) {
      this.form.set(campaignForm(this.fb, newCampaignInput(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')));
      this.apollo.query<{ qualityModels: QualityModelSummary[] }>({ query: QUALITY_MODELS }).subscribe({
        next: ({ data }) => this.qualityModels.set(data?.qualityModels ?? []),
        error: (error: unknown) => this.error.set(describeError(error)),
      });
      return;
    }
    this.apollo
      .query<{ campaign: CampaignDetail | null; qualityModels: QualityModelSummary[] }>({ query: CAMPAIGN, variables: { id }, fetchPolicy: 'network-only' })
      .subscribe({
        next: ({ data }) => {
          if (!data?.campaign) {
            this.error.set('This campaign does not exist or you may not see it.');
            return;
          }
          this.load(data.campaign);
          this.qualityModels.set(data.qualityModels);
        },
        error: (error: unknown) => this.error.set(describeError(error)),
      });
  }

  protected ranges(form: CampaignForm) {
    return rangesOf(form);
  }

  protected addRange(form: CampaignForm): void {
    rangesOf(form).push(rangeGroup(this.fb, { weekday: 1, start: '09:00', end: '18:00' }));
    form.markAsDirty();
  }

  protected removeRange(form: CampaignForm, index: number): void {
    rangesOf(form).removeAt(index);
    form.markAsDirty();
  }

  protected save(form: CampaignForm): void {
    this.error.set('');
    this.saved.set(false);
    if (form.invalid) {
      form.markAllAsTouched();
      this.error.set('Some fields need attention: check the highlighted ones.');
      return;
    }
    const input = toCampaignInput(form, this.exceptions);
    const id = this.campaign()?.id;
    this.busy.set(true);
    const request: Observable<CampaignDetail | undefined> = id
      ? this.apollo.mutate<{ updateCampaign: CampaignDetail }>({ mutation: UPDATE_CAMPAIGN, variables: { id, input } }).pipe(map(({ data }) => data?.updateCampaign))
      : this.apollo
          .mutate<{ createCampaign: CampaignDetail }>({ mutation: CREATE_CAMPAIGN, variables: { input }, refetchQueries: [{ query: CAMPAIGNS }] })
          .pipe(map(({ data }) => data?.createCampaign));
    request.subscribe({
      next: (campaign) => {
        this.busy.set(false);
        if (!campaign) return;
        if (!id) {
          void this.router.navigate(['/campaigns']);
          return;
        }
        this.load(campaign);
        this.saved.set(true);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeError(error));
      },
    });
  }

  protected copyEmbedCode(code: string): void {
    void navigator.clipboard?.writeText(code);
  }

  private load(loaded: CampaignDetail): void {
    // Apollo adds __typename to every object; inputs must not carry it back.
    const campaign = JSON.parse(JSON.stringify(loaded, (key, value: unknown) => (key === '__typename' ? undefined : value))) as CampaignDetail;
    this.campaign.set(campaign);
    this.exceptions = campaign.schedule.exceptions;
    const form = campaignForm(this.fb, campaign);
    if (!this.session.canManage()) form.disable();
    this.form.set(form);
  }
}
