import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archiveChange, archivedCampaignProblem, campaignDeletionProblem, takesChats } from './campaign-archive';

describe('campaign archive rules', () => {
  const at = new Date('2026-11-27T10:00:00Z');

  it('takes chats only when enabled and not archived, keeping enabled for the restore', () => {
    assert.equal(takesChats({ enabled: true, archivedAt: null }), true);
    assert.equal(takesChats({ enabled: true }), true);
    assert.equal(takesChats({ enabled: false, archivedAt: null }), false);
    assert.equal(takesChats({ enabled: true, archivedAt: at }), false);
  });

  it('archives and restores once: repeating either changes nothing', () => {
    assert.deepEqual(archiveChange(null, true, at), { archivedAt: at });
    assert.equal(archiveChange(at, true, new Date()), undefined);
    assert.deepEqual(archiveChange(at, false, new Date()), { archivedAt: null });
    assert.equal(archiveChange(null, false, at), undefined);
    assert.equal(archiveChange(undefined, false, at), undefined);
  });

  it('freezes an archived campaign, naming the argument that named it', () => {
    assert.equal(archivedCampaignProblem({ archivedAt: null }), null);
    assert.equal(archivedCampaignProblem({ archivedAt: at })?.field, 'id');
    assert.equal(archivedCampaignProblem({ archivedAt: at }, 'campaignId')?.field, 'campaignId');
  });

  it('deletes only a campaign no chat reached, and says how many chats would be lost', () => {
    assert.equal(campaignDeletionProblem(0), null);
    assert.match(campaignDeletionProblem(1)?.message ?? '', /has 1 chat in/);
    assert.match(campaignDeletionProblem(12)?.message ?? '', /has 12 chats .*archive it instead/);
    assert.equal(campaignDeletionProblem(3)?.field, 'id');
  });
});
