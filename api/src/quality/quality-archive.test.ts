import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archivedModelProblem, modelArchiveProblem, modelChoiceProblem, modelDeletionProblem } from './quality-archive';

describe('quality model archive rules', () => {
  it('archives a model only when no campaign uses it, naming the campaigns and the field that points at it', () => {
    assert.equal(modelArchiveProblem([]), null);
    const one = modelArchiveProblem(['Support']);
    assert.equal(one?.field, 'id');
    assert.match(one?.message ?? '', /qualityModelId of campaign “Support”: choose another quality model/);
    assert.match(modelArchiveProblem(['Sales', 'Support'])?.message ?? '', /campaigns “Sales”, “Support”/);
  });

  it('deletes a model only when no campaign uses it and no chat was scored with it', () => {
    assert.equal(modelDeletionProblem([], 0), null);
    assert.match(modelDeletionProblem(['Support'], 0)?.message ?? '', /qualityModelId/);
    assert.match(modelDeletionProblem([], 1)?.message ?? '', /^1 chat was scored .*archive it instead/);
    assert.match(modelDeletionProblem([], 4)?.message ?? '', /^4 chats were scored/);
  });

  it('offers archived models to no campaign and freezes them until restored', () => {
    const archivedAt = new Date('2026-11-27T10:00:00Z');
    assert.equal(modelChoiceProblem({ archivedAt: null }), null);
    assert.equal(modelChoiceProblem({ archivedAt })?.field, 'qualityModelId');
    assert.equal(archivedModelProblem({}), null);
    assert.equal(archivedModelProblem({ archivedAt })?.field, 'id');
  });
});
