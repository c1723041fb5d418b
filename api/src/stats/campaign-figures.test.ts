import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDayStart } from '../campaigns/schedule';
import { arrivedIn, dayWindow, periodFigures, queueFigures, type Arrival } from './campaign-figures';

/** Local times in São Paulo (UTC−3, no DST since 2019): "HH:MM:SS" on 2026-11-26, or "-HH:MM:SS" on the day before. */
const at = (local: string) => {
  const dayBefore = local.startsWith('-');
  const [h, m, s] = local.replace('-', '').split(':').map(Number) as [number, number, number];
  return new Date(Date.UTC(2026, 10, dayBefore ? 25 : 26, h + 3, m, s));
};

const chat = (state: Arrival['state'], queued: string, answered: string | null, closed: string | null, closeReason: string | null = null): Arrival => ({
  state,
  closeReason,
  queuedAt: at(queued),
  answeredAt: answered ? at(answered) : null,
  closedAt: closed ? at(closed) : null,
});

// A scripted day: serviceLevelSeconds 20, abandonSeconds 10.
const DAY: Arrival[] = [
  chat('CLOSED', '-23:59:50', '00:00:05', '00:04:05', 'AGENT_CLOSED'), // yesterday's arrival: not today's
  chat('CLOSED', '08:00:00', '08:00:10', '08:05:10', 'AGENT_CLOSED'), // answered in 10 s, handled 300 s
  chat('CLOSED', '08:01:00', '08:01:20', '08:03:20', 'CONTACT_LEFT'), // answered in 20 s (within, inclusive), handled 120 s
  chat('CLOSED', '08:02:00', '08:02:30', '08:12:30', 'AUTO_FINISHED'), // answered in 30 s (late), handled 600 s
  chat('ACTIVE', '09:00:00', '09:00:40', null), // answered in 40 s, still going
  chat('ABANDONED', '09:10:00', null, '09:10:05', 'CONTACT_LEFT'), // short abandon (5 s)
  chat('ABANDONED', '09:20:00', null, '09:20:10', 'CONTACT_LEFT'), // 10 s: still short (at most abandonSeconds)
  chat('ABANDONED', '09:30:00', null, '09:31:00', 'CONTACT_LEFT'), // abandoned after 60 s
  chat('REJECTED', '09:40:00', null, '09:45:00', 'WAIT_TIMEOUT'), // timed out: an abandon
  chat('REJECTED', '10:00:00', null, '10:00:00', 'QUEUE_FULL'), // refused on arrival
  chat('REJECTED', '10:05:00', null, '10:05:00', 'OUT_OF_TIME'), // refused on arrival
  chat('REJECTED', '10:10:00', null, '10:20:00', 'CAMPAIGN_DISABLED'), // refused while waiting
  chat('OFFLINE_MESSAGE', '10:30:00', null, '10:30:00'), // not a chat in the queue
  chat('QUEUED', '10:59:00', null, null), // waiting now
];

describe('campaign figures', () => {
  const now = at('11:00:00');
  const today = arrivedIn(DAY, dayWindow(now, 'America/Sao_Paulo', localDayStart));

  it('count a day from local midnight in the campaign’s timezone', () => {
    assert.equal(today.length, DAY.length - 1);
    // In UTC the day started three hours later: the São Paulo evening before is "today" there.
    assert.equal(arrivedIn(DAY, dayWindow(now, 'UTC', localDayStart)).length, DAY.length);
  });

  it('match the hand-computed figures of a scripted day', () => {
    const figures = periodFigures(today, { serviceLevelSeconds: 20, abandonSeconds: 10 });
    assert.deepEqual(figures, {
      offered: 10, // everything but the two refusals on arrival and the offline message
      answered: 4,
      answeredWithinServiceLevel: 2,
      abandoned: 4, // three who left (two of them short) and one time-out
      rejected: 3, // queue full, out of hours, campaign disabled
      serviceLevel: 0.3333, // 2 / (4 answered + 2 abandoned after 10 s)
      abandonRate: 0.3333, // 2 / 6
      averageWaitSeconds: 25, // (10 + 20 + 30 + 40) / 4
      averageHandleSeconds: 340, // (300 + 120 + 600) / 3 closed
    });
  });

  it('have a full service level and no abandonment on a day with no chat', () => {
    assert.deepEqual(periodFigures([], { serviceLevelSeconds: 20, abandonSeconds: 10 }), {
      offered: 0,
      answered: 0,
      answeredWithinServiceLevel: 0,
      abandoned: 0,
      rejected: 0,
      serviceLevel: 1,
      abandonRate: 0,
      averageWaitSeconds: 0,
      averageHandleSeconds: 0,
    });
  });

  it('show the queue oldest first, and raise the ACD alert above the threshold only', () => {
    const waiting = [
      { interactionId: 'b', name: 'Bea', email: null, queuedAt: at('10:59:30') },
      { interactionId: 'a', name: 'Al', email: 'al@example.test', queuedAt: at('10:58:00') },
    ];
    const queue = queueFigures(waiting, 2, now);
    assert.deepEqual(queue, {
      waiting: 2,
      longestWaitSeconds: 120,
      acdAlert: false,
      waitingContacts: [
        { interactionId: 'a', name: 'Al', email: 'al@example.test', waitingSeconds: 120 },
        { interactionId: 'b', name: 'Bea', email: null, waitingSeconds: 30 },
      ],
    });
    assert.equal(queueFigures(waiting, 1, now).acdAlert, true);
    assert.deepEqual(queueFigures([], 0, now), { waiting: 0, longestWaitSeconds: 0, acdAlert: false, waitingContacts: [] });
  });
});
