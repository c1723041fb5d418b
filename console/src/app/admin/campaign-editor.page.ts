import { afterNextRender, ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, Injector, input, OnInit, signal, viewChild, viewChildren } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { Apollo } from 'apollo-angular';
import { map, type Observable } from 'rxjs';
import { describeError } from '../core/errors';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { SessionStore } from '../core/session.store';
import { newCampaignInput } from './campaign-defaults';
import { LANGUAGES, MESSAGE_FIELDS, THRESHOLD_FIELDS, WEEKDAYS, type Language } from './campaign-fields';
import { addRange, campaignForm, controlProblems, rangesOf, removeRange, revalidate, tidyClock, toCampaignInput, type CampaignForm } from './campaign-form';
import { fieldProblemsOf, locateControlProblems, locateProblems, messagesByControl, type LocatedProblem } from './campaign-problems';
import { splitDomains } from './campaign-rules';
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
import { CampaignEmbed } from './campaign-embed';
import { CampaignMembers } from './campaign-members';
import { CampaignPreview } from './campaign-preview';
import { CannedResponses } from './canned-responses';
import { poorWithWhite } from './colour-contrast';
import { sectionOf, type EditorSection } from './editor-sections';
import { EditorTabs } from './editor-tabs';
import { ScheduleExceptions } from './schedule-exceptions';
import { WidgetPreview } from './widget-preview';

const TIMEZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

@Component({
  selector: 'parley-campaign-editor',
  imports: [ReactiveFormsModule, RouterLink, FieldStateDirective, FieldError, WidgetPreview, CampaignMembers, CannedResponses, ScheduleExceptions],
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
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
  protected readonly ranges = rangesOf;
  protected readonly removeRange = removeRange;
  protected readonly tidyClock = tidyClock;
  protected summaryLine(problem: LocatedProblem): string {
    return localizedSummary(problem, this.t, this.i18n.language());
  }
  protected readonly form = signal<CampaignForm | null>(null);
  protected readonly campaign = signal<CampaignDetail | null>(null);
  protected readonly qualityModels = signal<QualityModelSummary[]>([]);
  protected readonly error = signal('');
  /** What stopped the last save, in screen order; shown as the summary at the top. */
  protected readonly problems = signal<LocatedProblem[]>([]);
  protected readonly saved = signal(false);
  protected readonly busy = signal(false);
  protected readonly exceptions = signal<ScheduleException[]>([]);
  private exceptionsEdited: ScheduleException[] | null = null;
  private exceptionsValid = true;
  private readonly sectionTabs = viewChildren<ElementRef<HTMLButtonElement>>('sectionTab');
  private readonly tabs = viewChildren<ElementRef<HTMLButtonElement>>('tab');
  private readonly editorTabs = new EditorTabs(this.session.canManage, this.sectionTabs, this.tabs);
  protected readonly section = this.editorTabs.section;
  protected readonly sections = this.editorTabs.sections;
  protected readonly language = this.editorTabs.language;
  private readonly campaignPreview = new CampaignPreview();
  protected readonly previewLanguage = this.campaignPreview.language;
  protected readonly preview = this.campaignPreview.settings;
  private readonly embed = new CampaignEmbed(this.session, this.t);
  protected readonly copied = this.embed.copied;
  protected readonly downloading = this.embed.downloading;
  protected readonly pluginError = this.embed.pluginError;
  private readonly destroyRef = inject(DestroyRef);
  private readonly exceptionsEditor = viewChild(ScheduleExceptions);

  private readonly fields = viewChildren(FieldStateDirective);

  ngOnInit(): void {
    const id = this.id();
    if (!id) {
      this.useForm(campaignForm(this.fb, newCampaignInput(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')));
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

  protected addRange(form: CampaignForm): void {
    this.focusField(addRange(this.fb, form));
  }

  protected onTabKey(event: KeyboardEvent): void {
    this.editorTabs.onLanguageKey(event);
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
    this.exceptionsEditor()?.reveal();
    if (form.invalid || !this.exceptionsValid) {
      form.markAllAsTouched();
      const own = controlProblems(form);
      if (!this.exceptionsValid) own.push({ control: 'exceptions', message: this.t('exceptions.problem.summary') });
      this.showProblems(locateControlProblems(own));
      return;
    }
    const input = toCampaignInput(form, this.exceptionsEdited ?? this.exceptions());
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
          this.leaving = true;
          void this.router.navigate(['/campaigns'], { state: { created: { id: campaign.id, name: campaign.name, embedCode: campaign.embedCode } } });
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
    this.embed.copyEmbedCode(code);
  }

  private showProblems(located: LocatedProblem[]): void {
    this.problems.set(located);
    const first = located.find((problem) => this.hasControl(problem));
    if (first) this.focusField(first.control, first.language);
  }

  /** Focuses a control once it is on screen: its language tab may have to open, a new row to render. */
  private focusField(path: string, language?: Language): void {
    this.editorTabs.showControl(path, language);
    afterNextRender(() => this.fields().find((field) => field.path === path)?.focus(), { injector: this.injector });
  }

  private load(loaded: CampaignDetail): void {
    // Apollo adds __typename to every object; inputs must not carry it back.
    const campaign = JSON.parse(JSON.stringify(loaded, (key, value: unknown) => (key === '__typename' ? undefined : value))) as CampaignDetail;
    this.campaign.set(campaign);
    this.exceptions.set(campaign.schedule.exceptions);
    const form = campaignForm(this.fb, campaign);
    if (!this.session.canManage()) form.disable();
    this.exceptionsEdited = null;
    this.exceptionsValid = true;
    this.useForm(form);
  }

  private useForm(form: CampaignForm): void {
    this.form.set(form);
    const subscription = this.campaignPreview.follow(form);
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  /** Whether leaving would lose edits (the route guard and the browser's beforeunload ask first). */
  hasUnsavedChanges(): boolean {
    const form = this.form();
    return !!form && form.enabled && (form.dirty || this.exceptionsEdited !== null) && !this.leaving;
  }
  private leaving = false;

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasUnsavedChanges()) event.preventDefault();
  }

  protected setExceptions(change: { exceptions: ScheduleException[]; valid: boolean }): void {
    this.exceptionsEdited = change.exceptions;
    this.exceptionsValid = change.valid;
    this.saved.set(false);
  }

  protected sectionLabel(tab: EditorSection): MessageKey {
    return `editorTabs.${tab}`;
  }

  protected distributionHint(distribution: string): MessageKey {
    return `distributionHint.${distribution}` as MessageKey;
  }

  protected availabilityHint(availability: string): MessageKey {
    return `availabilityHint.${availability}` as MessageKey;
  }

  protected poorContrast(colour: string): boolean {
    return poorWithWhite(colour);
  }

  protected openSection(tab: EditorSection): void {
    this.section.set(tab);
  }

  protected onSectionKey(event: KeyboardEvent): void {
    this.editorTabs.onSectionKey(event);
  }

  /** Whether a tab holds a control with a problem to show, so its tab can say so. */
  protected sectionNeedsAttention(form: CampaignForm, tab: EditorSection): boolean {
    return this.problems().some((problem) => sectionOf(problem.control) === tab) ||
      this.fields().some((field) => sectionOf(field.path) === tab && field.message !== null && form.enabled);
  }

  protected downloadPlugin(campaign: CampaignDetail): Promise<void> {
    return this.embed.downloadPlugin(campaign);
  }
}
