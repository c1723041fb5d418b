import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Availability } from '../campaigns/campaign.enums';
import { DEFAULT_HANDLE_SECONDS, estimateWaitSeconds, type QueueCapacity } from './queue-estimate';

const capacity = (overrides: Partial<QueueCapacity> = {}): QueueCapacity => ({
  agentsAvailable: 2,
  availability: Availability.NOCALL,
  maxInteractionsPerAgent: 3,
  averageHandleSeconds: 300,
  ...overrides,
});

describe('queue estimate', () => {
  it('grows with the position and shrinks with the slots, in whole minutes', () => {
    // 6 slots, one frees every 50 s on average.
    assert.equal(estimateWaitSeconds(1, capacity()), 60);
    assert.equal(estimateWaitSeconds(6, capacity()), 300);
    assert.equal(estimateWaitSeconds(7, capacity()), 360);
    assert.equal(estimateWaitSeconds(7, capacity({ agentsAvailable: 1 })), 720);
  });

  it('counts one chat per agent where the availability rule allows only one', () => {
    assert.equal(estimateWaitSeconds(2, capacity({ availability: Availability.INTERACTION })), 300);
    assert.equal(estimateWaitSeconds(2, capacity({ availability: Availability.INCALL })), 300);
    assert.equal(estimateWaitSeconds(2, capacity({ availability: Availability.NOPAUSE })), 120);
  });

  it('assumes a default handle time for a campaign with no history', () => {
    assert.equal(estimateWaitSeconds(1, capacity({ agentsAvailable: 1, availability: Availability.INTERACTION, averageHandleSeconds: null })), DEFAULT_HANDLE_SECONDS);
  });

  it('gives no estimate when no agent is available', () => {
    assert.equal(estimateWaitSeconds(1, capacity({ agentsAvailable: 0 })), null);
  });
});
