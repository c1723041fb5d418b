import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { gql } from 'apollo-angular';
import { describeError } from '../core/errors';
import type { MessageKey } from '../core/i18n/i18n';
import { I18n } from '../core/i18n/i18n.service';
import { SessionStore } from '../core/session.store';
import { AdminApi, refusalOf } from './admin-api';
import { AdminDialog } from './admin-dialog';
import { refusalWords } from './refusal-words';
import { modelProblems, toModelInput, type ModelDraft, type QuestionDraft, type QuestionKind } from './quality-rules';

interface QualityModel {
  id: string; name: string; archived: boolean; campaignCount: number;
  questions: { id: string; kind: QuestionKind; text: string; weight: number }[];
}

const MODEL_FIELDS = 'id name archived campaignCount questions { id kind text weight }';
const QUALITY_MODELS = gql`query AdminQualityModels($includeArchived: Boolean) { qualityModels(includeArchived: $includeArchived) { ${MODEL_FIELDS} } }`;
const CREATE_MODEL = gql`mutation CreateQualityModel($input: QualityModelInput!) { createQualityModel(input: $input) { ${MODEL_FIELDS} } }`;
const UPDATE_MODEL = gql`mutation UpdateQualityModel($id: ID!, $input: QualityModelInput!) { updateQualityModel(id: $id, input: $input) { ${MODEL_FIELDS} } }`;
const ARCHIVE_MODEL = gql`mutation ArchiveQualityModel($id: ID!) { archiveQualityModel(id: $id) { id archived } }`;
const RESTORE_MODEL = gql`mutation RestoreQualityModel($id: ID!) { restoreQualityModel(id: $id) { id archived } }`;
const DELETE_MODEL = gql`mutation DeleteQualityModel($id: ID!) { deleteQualityModel(id: $id) }`;
const MUTATIONS = { archive: ARCHIVE_MODEL, restore: RESTORE_MODEL, delete: DELETE_MODEL } as const;
const KINDS: readonly QuestionKind[] = ['SCORE', 'YES_NO', 'TEXT'];

/**
 * What an admin is confirming. A model in use is not archived (no campaign points at an archived model), and
 * delete is offered only while no campaign uses it; the API also refuses it once a chat was scored with it.
 */
type Change = { kind: 'archive' | 'restore' | 'delete'; model: QualityModel };

/** The forms agents fill when they close a chat: questions with a kind and a weight (admins and supervisors; archive, restore and delete: admins). */
@Component({
  selector: 'parley-quality-models',
  imports: [AdminDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './quality-models.page.html',
  styleUrls: ['./admin-screen.css', './quality-models.page.css'],
})
export class QualityModelsPage {
  private readonly api = inject(AdminApi);
  protected readonly t = inject(I18n).t;
  private readonly session = inject(SessionStore);
  protected readonly isAdmin = computed(() => this.session.user()?.role === 'ADMIN');
  protected readonly kinds = KINDS;
  protected readonly models = signal<QualityModel[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  /** The model being edited ('new' for a new one), and its draft. */
  protected readonly editing = signal<string | null>(null);
  protected readonly draft = signal<ModelDraft>({ name: '', questions: [] });
  protected readonly problems = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly busy = signal(false);
  protected readonly showArchived = signal(false);
  protected readonly change = signal<Change | null>(null);
  protected readonly dialogError = signal('');

  constructor() {
    void this.load();
  }

  protected kindKey(kind: QuestionKind): MessageKey {
    return `quality.kind.${kind}`;
  }

  protected kindHintKey(kind: QuestionKind): MessageKey {
    return `quality.kindHint.${kind}`;
  }

  async load(): Promise<void> {
    try {
      const { qualityModels } = await this.api.query<{ qualityModels: QualityModel[] }>(QUALITY_MODELS, { includeArchived: this.showArchived() });
      this.models.set([...qualityModels].sort((a, b) => Number(a.archived) - Number(b.archived)));
    } catch (error) {
      this.error.set(describeError(error, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  protected setShowArchived(show: boolean): void {
    this.showArchived.set(show);
    void this.load();
  }

  protected usage(model: QualityModel): string {
    if (model.campaignCount === 0) return this.t('qualityArchive.unused');
    return model.campaignCount === 1 ? this.t('qualityArchive.usedByOne') : this.t('qualityArchive.usedByMany', { count: model.campaignCount });
  }

  protected changeKey(change: Change, part: 'dialog' | 'question' | 'confirm'): MessageKey {
    return `qualityArchive.${part}.${change.kind}`;
  }

  protected open(kind: Change['kind'], model: QualityModel): void {
    this.notice.set('');
    this.dialogError.set('');
    this.change.set({ kind, model });
  }

  protected closeDialog(): void {
    this.change.set(null);
  }

  protected async confirm(event: Event, change: Change): Promise<void> {
    event.preventDefault();
    this.busy.set(true);
    this.dialogError.set('');
    try {
      await this.api.mutate(MUTATIONS[change.kind], { id: change.model.id });
      this.notice.set(this.t(`qualityArchive.done.${change.kind}`, { name: change.model.name }));
      this.change.set(null);
      await this.load();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.code === 'CONFLICT') this.dialogError.set(this.t(/qualityModelId/.test(refusal.message) ? 'qualityArchive.refusal.inUse' : 'qualityArchive.refusal.scored'));
      else this.dialogError.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  protected startNew(): void {
    this.notice.set('');
    this.problems.set(new Map());
    this.draft.set({ name: '', questions: [{ id: null, kind: 'SCORE', text: '', weight: '1' }] });
    this.editing.set('new');
    setTimeout(() => document.getElementById('model-name')?.focus());
  }

  protected edit(model: QualityModel): void {
    this.notice.set('');
    this.problems.set(new Map());
    this.draft.set({ name: model.name, questions: model.questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, weight: String(q.weight) })) });
    this.editing.set(model.id);
  }

  protected cancel(): void {
    this.editing.set(null);
  }

  protected setName(name: string): void {
    this.draft.update((draft) => ({ ...draft, name }));
    this.clear('name');
  }

  protected setQuestion(index: number, change: Partial<QuestionDraft>): void {
    this.draft.update((draft) => ({ ...draft, questions: draft.questions.map((q, i) => (i === index ? { ...q, ...change } : q)) }));
    for (const part of Object.keys(change)) this.clear(`questions[${index}].${part}`);
  }

  protected addQuestion(): void {
    const index = this.draft().questions.length;
    this.draft.update((draft) => ({ ...draft, questions: [...draft.questions, { id: null, kind: 'SCORE', text: '', weight: '1' }] }));
    this.clear('questions');
    setTimeout(() => document.getElementById(`question-${index}-text`)?.focus());
  }

  protected removeQuestion(index: number): void {
    // Problems name questions by position: after a removal they would point at the wrong rows.
    this.problems.set(new Map());
    this.draft.update((draft) => ({ ...draft, questions: draft.questions.filter((_, i) => i !== index) }));
  }

  protected move(index: number, step: number): void {
    this.problems.set(new Map());
    this.draft.update((draft) => {
      const questions = [...draft.questions];
      const [moved] = questions.splice(index, 1);
      questions.splice(index + step, 0, moved!);
      return { ...draft, questions };
    });
  }

  /** The id of the element that says what is wrong with a field, for aria-describedby. */
  protected errorId(path: string): string | null {
    return this.problems().has(path) ? `${this.domId(path)}-error` : null;
  }

  protected domId(path: string): string {
    return path === 'name' ? 'model-name' : path === 'questions' ? 'model-questions' : path.replace(/^questions\[(\d+)\]\.(\w+)$/, 'question-$1-$2');
  }

  protected async save(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft();
    const local = modelProblems(draft);
    if (local.size > 0) {
      this.show(new Map([...local].map(([path, key]) => [path, this.t(key)])));
      return;
    }
    const id = this.editing();
    this.busy.set(true);
    try {
      const input = toModelInput(draft);
      if (id && id !== 'new') await this.api.mutate(UPDATE_MODEL, { id, input });
      else await this.api.mutate(CREATE_MODEL, { input });
      this.notice.set(this.t('quality.saved', { name: input.name }));
      this.editing.set(null);
      await this.load();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.field) this.show(new Map([[refusal.field.replace(/^input\./, ''), refusalWords(refusal.message, this.t)]]));
      else this.error.set(describeError(error, this.t));
    } finally {
      this.busy.set(false);
    }
  }

  private clear(path: string): void {
    if (!this.problems().has(path)) return;
    const next = new Map(this.problems());
    next.delete(path);
    this.problems.set(next);
  }

  private show(problems: Map<string, string>): void {
    this.problems.set(problems);
    const first = [...problems.keys()][0];
    if (first) setTimeout(() => document.getElementById(first === 'questions' ? 'add-question' : this.domId(first))?.focus());
  }
}
