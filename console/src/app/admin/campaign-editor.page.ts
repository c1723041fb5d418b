import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, OnInit, signal, viewChildren } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Apollo } from 'apollo-angular';
import { map, type Observable } from 'rxjs';
import { describeError } from '../core/errors';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { SessionStore } from '../core/session.store';
import { newCampaignInput } from './campaign-defaults';
import { LANGUAGES, MESSAGE_FIELDS, THRESHOLD_FIELDS, WEEKDAYS, languageOf, type Language } from './campaign-fields';
import { campaignForm, controlProblems, rangeGroup, rangesOf, revalidate, toCampaignInput, type CampaignForm } from './campaign-form';
import { fieldProblemsOf, locateControlProblems, locateProblems, messagesByControl, type LocatedProblem } from './campaign-problems';
import { normaliseClock, splitDomains } from './campaign-rules';
import { localizedSummary } from './campaign-problems.i18n';
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
import { FieldError } from './field-error';
import { FieldStateDirective } from './field-state.directive';

const TIMEZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

@Component({
  selector: 'parley-campaign-editor',
  imports: [ReactiveFormsModule, RouterLink, FieldStateDirective, FieldError],
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
  private readonly injector = inject(Injector);
  protected readonly session = inject(SessionStore);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly messageLabel = (key: string) => `message.${key}.label` as MessageKey;
  protected readonly messageHint = (key: string) => `message.${key}.hint` as MessageKey;
  protected readonly thresholdLabel = (key: string) => `threshold.${key}.label` as MessageKey;
  protected readonly thresholdHint = (key: string) => `threshold.${key}.hint` as MessageKey;
  /** Weekday names in the console's language (0 = Sunday; 2023-01-01 was a Sunday). */
  protected weekday(day: number): string {
    return new Intl.DateTimeFormat(this.i18n.locale(), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + day));
  }

  protected readonly languages = LANGUAGES;
  protected readonly messageFields = MESSAGE_FIELDS;
  protected readonly thresholdFields = THRESHOLD_FIELDS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly timezones = TIMEZONES;
  protected summaryLine(problem: LocatedProblem): string {
    return localizedSummary(problem, this.t, this.i18n.language());
  }
  protected readonly form = signal<CampaignForm | null>(null);
  protected readonly campaign = signal<CampaignDetail | null>(null);
  protected readonly qualityModels = signal<QualityModelSummary[]>([]);
  protected readonly language = signal<Language>('en');
  protected readonly error = signal('');
  /** What stopped the last save, in screen order; shown as the summary at the top. */
  protected readonly problems = signal<LocatedProblem[]>([]);
  protected readonly saved = signal(false);
  protected readonly copied = signal(false);
  protected readonly busy = signal(false);
  private exceptions: ScheduleException[] = [];

  private readonly fields = viewChildren(FieldStateDirective);
  private readonly tabs = viewChildren<ElementRef<HTMLButtonElement>>('tab');

  ngOnInit(): void {
    const id = this.id();
    if (!id) {
      this.form.set(campaignForm(this.fb, newCampaignInput(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')));
      this.apollo.query<{ qualityModels: QualityModelSummary[] }>({ query: QUALITY_MODELS }).subscribe({
        next: ({ data }) => this.qualityModels.set(data?.qualityModels ?? []),
        error: (error: unknown) => this.error.set(describeError(error, this.t)),
      });
      return;
    }
    this.apollo
      .query<{ campaign: CampaignDetail | null; qualityModels: QualityModelSummary[] }>({ query: CAMPAIGN, variables: { id }, fetchPolicy: 'network-only' })
      .subscribe({
        next: ({ data }) => {
          if (!data?.campaign) {
            this.error.set(this.t('editor.notFound'));
            return;
          }
          this.load(data.campaign);
          this.qualityModels.set(data.qualityModels);
        },
        error: (error: unknown) => this.error.set(describeError(error, this.t)),
      });
  }

  protected ranges(form: CampaignForm) {
    return rangesOf(form);
  }

  protected addRange(form: CampaignForm): void {
    const ranges = rangesOf(form);
    const last = ranges.at(ranges.length - 1)?.getRawValue();
    ranges.push(rangeGroup(this.fb, { weekday: last ? (last.weekday + 1) % 7 : 1, start: last?.start ?? '09:00', end: last?.end ?? '18:00' }));
    form.markAsDirty();
    this.focusField(`ranges.${ranges.length - 1}.weekday`);
  }

  protected removeRange(form: CampaignForm, index: number): void {
    rangesOf(form).removeAt(index);
    form.markAsDirty();
  }

  /** "9:00" becomes "09:00" when the person leaves the field. */
  protected tidyClock(control: AbstractControl<string>): void {
    const tidy = normaliseClock(control.value);
    if (tidy !== control.value) control.setValue(tidy);
  }

  /** Arrow keys, Home and End move between the language tabs (WAI-ARIA tabs pattern, selection follows focus). */
  protected onTabKey(event: KeyboardEvent): void {
    const index = LANGUAGES.findIndex((language) => language.code === this.language());
    const last = LANGUAGES.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index + 1) % LANGUAGES.length
      : event.key === 'ArrowLeft' ? (index + last) % LANGUAGES.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : undefined;
    if (next === undefined) return;
    event.preventDefault();
    this.language.set(LANGUAGES[next]!.code);
    this.tabs()[next]?.nativeElement.focus();
  }

  /** Whether a language tab holds a message with a problem to show, so its tab can say so. */
  protected languageNeedsAttention(form: CampaignForm, language: Language): boolean {
    return MESSAGE_FIELDS.some(({ key }) => {
      const control = form.controls[key].controls[language];
      return control.invalid && (control.touched || control.hasError('server'));
    });
  }

  /** Takes the person to the control a problem is about, opening its language tab first. */
  protected goTo(problem: LocatedProblem): void {
    this.focusField(problem.control, problem.language);
  }

  /** Some problems ("Schedule exceptions") have no control of their own to go to. */
  protected hasControl(problem: LocatedProblem): boolean {
    return this.fields().some((field) => field.path === problem.control);
  }

  protected save(form: CampaignForm): void {
    this.error.set('');
    this.saved.set(false);
    this.problems.set([]);
    revalidate(form);
    if (form.invalid) {
      form.markAllAsTouched();
      this.showProblems(locateControlProblems(controlProblems(form)));
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
        const refused = CombinedGraphQLErrors.is(error) ? error.errors.flatMap((e) => fieldProblemsOf({ message: e.message, extensions: e.extensions })) : [];
        if (refused.length === 0) {
          this.error.set(describeError(error, this.t));
          return;
        }
        const located = locateProblems(refused, splitDomains(form.controls.allowedDomains.value).lines);
        for (const [path, message] of messagesByControl(located)) {
          const control = form.get(path);
          if (!control) continue;
          control.setErrors({ ...control.errors, server: message });
          control.markAsTouched();
        }
        this.showProblems(located);
      },
    });
  }

  protected copyEmbedCode(code: string): void {
    void navigator.clipboard?.writeText(code).then(() => {
      this.copied.set(true);
      setTimeout(() => this.copied.set(false), 2000);
    });
  }

  private showProblems(located: LocatedProblem[]): void {
    this.problems.set(located);
    const first = located.find((problem) => this.hasControl(problem));
    if (first) this.focusField(first.control, first.language);
  }

  /** Focuses a control once it is on screen: its language tab may have to open, a new row to render. */
  private focusField(path: string, language?: Language): void {
    const tab = language ?? languageOf(path);
    if (tab) this.language.set(tab);
    afterNextRender(() => this.fields().find((field) => field.path === path)?.focus(), { injector: this.injector });
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
