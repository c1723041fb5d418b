import { audit, changedSettings } from '../audit/audit';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth/role';
import { requireStaff, type Viewer } from '../auth/viewer';
import { badInput, notFound } from '../graphql/app-error';
import { isUuid } from '../graphql/ids';
import { QualityModel, type QualityModelInput, type QualityQuestion } from './quality-model.entity';

const MANAGERS = [Role.ADMIN, Role.SUPERVISOR];

export class QualityService {
  constructor(
    private readonly em: EntityManager,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(viewer: Viewer): Promise<QualityModel[]> {
    requireStaff(viewer);
    return this.em.find(QualityModel, {}, { orderBy: { name: 'asc' } });
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
    const model = isUuid(id) ? await this.em.findOne(QualityModel, { id }) : null;
    if (!model) throw notFound('Quality model');
    const before = { name: model.name, questions: model.questions };
    const after = validateModel(input, model.questions);
    this.em.assign(model, after);
    await this.em.flush();
    await audit(this.em, viewer, { action: 'qualityModel.updated', subjectType: 'qualityModel', subjectId: model.id, changes: changedSettings(before, after) }, this.now());
    return model;
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
