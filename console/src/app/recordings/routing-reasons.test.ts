import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EN } from '../core/i18n/messages.en';
import { ES } from '../core/i18n/messages.es';
import { interpolate } from '../core/i18n/i18n';
import { candidatePhrase, decisionPhrase } from './routing-reasons';

const say = (dictionary: Readonly<Record<string, string>>, phrase: ReturnType<typeof candidatePhrase>) => (phrase ? interpolate(dictionary[String(phrase.key)] ?? '', phrase.params) : null);

describe('routing reasons', () => {
  it("says each member's reason in the reader's language", () => {
    assert.equal(say(EN, candidatePhrase('paused')), 'Paused');
    assert.equal(say(EN, candidatePhrase('at capacity (3/3)')), 'At capacity (3 of 3 chats)');
    assert.equal(say(ES, candidatePhrase('offline')), 'Desconectado');
    assert.equal(candidatePhrase('on holiday'), null);
  });

  it("says the router's decision in the reader's language, with its figures", () => {
    assert.equal(say(EN, decisionPhrase('next in member order after position 2')), 'Next in member order after position 2');
    assert.equal(say(EN, decisionPhrase('drawn at random weighted by penalty (weight 90 of 190)')), 'Drawn at random, weighted by penalty (weight 90 of 190)');
    assert.equal(say(EN, decisionPhrase('offered to every eligible agent (2); the first to accept wins')), 'Offered to every eligible agent (2); the first to accept wins');
    assert.equal(decisionPhrase('chosen by a coin'), null);
  });
});
