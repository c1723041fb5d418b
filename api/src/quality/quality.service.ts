import { audit, changedSettings } from '../audit/audit';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { requireStaff, type Viewer } from '../auth/viewer';
import { badInput, notFound } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import { archiveChange, conflict } from '../campaigns/campaign-archive';
import { Campaign } from '../campaigns/campaign.entity';
import { QualityModel, type QualityModelInput, type QualityQuestion } from './quality-model.entity';
import { archivedModelProblem, modelArchiveProblem, modelDeletionProblem } from './quality-archive';

const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];
/** Taking a model out of use, bringing it back and deleting it are for admins. */
const ADMINS = [Role.ADMIN];

export class QualityService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Models offered to campaigns; archived ones too on request. */
  list(viewer: Viewer, includeArchived = false): Promise<QualityModel[]> {
    requireStaff(viewer);
    return this.em.find(QualityModel, includeArchived ? {} : { archivedAt: null }, { orderBy: { name: 'asc' } });
  }

  async create(viewer: Viewer, input: QualityModelInput): Promise<QualityModel> {
    requireStaff(viewer, MANAGERS);
    const model = this.em.create(QualityModel, validateModel(input, []));
    await this.em.persistAndFlush(model);
    await audit(this.em, viewer, { action: 'qualityModel.created', subjectType: 'qualityModel', subjectId: model.id }, this.now());
    return model;
  }

  async update(viewer: Viewer, id: string, input: QualityModelInput): Promise<QualityModel> {
    requireStaff(viewer, MANAGERS);
    const model = await this.find(id);
    const problem = archivedModelProblem(model);
    if (problem) throw conflict(problem);
    const before = { name: model.name, questions: model.questions };
    const after = validateModel(input, model.questions);
    this.em.assign(model, after);
    await this.em.flush();
    await audit(this.em, viewer, { action: 'qualityModel.updated', subjectType: 'qualityModel', subjectId: model.id, changes: changedSettings(before, after) }, this.now());
    return model;
  }

  /** Refused while a campaign (archived ones included) uses the model, so no campaign ever points at an archived model. */
  async archive(viewer: Viewer, id: string): Promise<QualityModel> {
    requireStaff(viewer, ADMINS);
    const model = await this.find(id);
    const change = archiveChange(model.archivedAt, true, this.now());
    if (!change) return model;
    await this.em.transactional(async (tx) => {
      // With the row held, a campaign choosing the model meanwhile waits on its foreign key and is seen here.
      await this.lock(tx, model.id);
      const problem = modelArchiveProblem(await this.campaignsUsing(tx, model.id));
      if (problem) throw conflict(problem);
      await tx.nativeUpdate(QualityModel, { id: model.id }, change);
    });
    await this.em.refresh(model);
    await audit(this.em, viewer, { action: 'qualityModel.archived', subjectType: 'qualityModel', subjectId: model.id }, this.now());
    return model;
  }

  async restore(viewer: Viewer, id: string): Promise<QualityModel> {
    requireStaff(viewer, ADMINS);
    const model = await this.find(id);
    const change = archiveChange(model.archivedAt, false, this.now());
    if (!change) return model;
    model.archivedAt = change.archivedAt;
    await this.em.flush();
    await audit(this.em, viewer, { action: 'qualityModel.restored', subjectType: 'qualityModel', subjectId: model.id }, this.now());
    return model;
  }

  /** Only a model no campaign uses and no chat was scored with. */
  async delete(viewer: Viewer, id: string): Promise<boolean> {
    requireStaff(viewer, ADMINS);
    const model = await this.find(id);
    await this.em.transactional(async (tx) => {
      await this.lock(tx, model.id);
      const problem = modelDeletionProblem(await this.campaignsUsing(tx, model.id), await this.scoredChats(tx, model));
      if (problem) throw conflict(problem);
      await tx.nativeDelete(QualityModel, { id: model.id });
    });
    await audit(this.em, viewer, { action: 'qualityModel.deleted', subjectType: 'qualityModel', subjectId: model.id, changes: [`name:${model.name}`] }, this.now());
    return true;
  }

  /** How many campaigns, archived ones included, close their chats with this model. */
  campaignCount(model: QualityModel): Promise<number> {
    return this.em.count(Campaign, { qualityModel: model.id });
  }

  private async find(id: string): Promise<QualityModel> {
    const model = isUuid(id) ? await this.em.findOne(QualityModel, { id }) : null;
    if (!model) throw notFound('Quality model');
    return model;
  }

  private async lock(tx: EntityManager, modelId: string): Promise<void> {
    await tx.getConnection().execute('select id from quality_models where id = ? for update', [modelId], 'all', tx.getTransactionContext());
  }

  private async campaignsUsing(tx: EntityManager, modelId: string): Promise<string[]> {
    const rows = await tx.getConnection().execute<{ name: string }[]>(
      'select name from campaigns where quality_model_id = ? order by name, id',
      [modelId],
      'all',
      tx.getTransactionContext(),
    );
    return rows.map((row) => row.name);
  }

  /** Chats whose stored answers refer to one of the model's questions (question ids are unique to their model). */
  private async scoredChats(tx: EntityManager, model: QualityModel): Promise<number> {
    const [row] = await tx.getConnection().execute<{ chats: number }[]>(
      `select count(*)::int as chats from interactions i
        where i.quality is not null
          and exists (select 1 from jsonb_array_elements(i.quality) answer where answer ->> 'questionId' in (select jsonb_array_elements_text(?::jsonb)))`,
      [JSON.stringify(model.questions.map((question) => question.id))],
      'all',
      tx.getTransactionContext(),
    );
    return row?.chats ?? 0;
  }
}

/** Questions keep their id when edited (answers refer to it); new ones get a fresh id. */
function validateModel(input: QualityModelInput, current: readonly QualityQuestion[]): { name: string; questions: QualityQuestion[] } {
  const name = input.name.trim();
  if (name === '' || name.length > 120) throw badInput('name', 'must have 1 to 120 characters');
  if (input.questions.length === 0 || input.questions.length > 50) throw badInput('questions', 'must have 1 to 50 questions');
  const known = new Set(current.map((question) => question.id));
  const seen = new Set<string>();
  const questions = input.questions.map((question, i) => {
    const text = question.text.trim();
    if (text === '' || text.length > 500) throw badInput(`questions[${i}].text`, 'must have 1 to 500 characters');
    if (!Number.isFinite(question.weight) || question.weight < 0 || question.weight > 100) throw badInput(`questions[${i}].weight`, 'must be between 0 and 100');
    const id = question.id ?? randomUUID();
    if (question.id != null && !known.has(question.id)) throw badInput(`questions[${i}].id`, 'is not a question of this model');
    if (seen.has(id)) throw badInput(`questions[${i}].id`, 'appears twice');
    seen.add(id);
    return { id, text, kind: question.kind, weight: question.weight };
  });
  return { name, questions };
}
