import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { interpolate, type Dictionary, type MessageKey, type MessageParams } from '../core/i18n/i18n';
import { EN } from '../core/i18n/messages.en';
import { ES } from '../core/i18n/messages.es';
import { PT } from '../core/i18n/messages.pt';
import { localizedControlMessage, localizedLabel, localizedServerMessage, localizedSummary } from './campaign-problems.i18n';
import { locateControlProblems, locateProblems, summaryLine } from './campaign-problems';

// The editor's problems use only the shared dictionaries' keys; administration keys read as themselves here.
const translator = (dictionary: Dictionary) => (key: MessageKey, params?: MessageParams) => interpolate((dictionary as Readonly<Record<string, string>>)[key] ?? key, params);
const en = translator(EN);
const es = translator(ES);
const pt = translator(PT);

describe('campaign problems in the console language', () => {
  it('leaves English exactly as the editor always wrote it', () => {
    const [problem] = locateControlProblems([{ control: 'ranges.0.start', message: 'enter a time from 00:00 to 23:59' }]);
    assert.equal(localizedSummary(problem!, en, 'en'), summaryLine(problem!));
    assert.equal(localizedSummary(problem!, en, 'en'), 'Schedule, row 1, opens: enter a time from 00:00 to 23:59');
  });

  it('says the rules and the labels in Spanish and Portuguese', () => {
    const [opens] = locateControlProblems([{ control: 'ranges.0.start', message: 'enter a time from 00:00 to 23:59' }]);
    assert.equal(localizedSummary(opens!, es, 'es'), 'Horario, fila 1, abre: escribe una hora de 00:00 a 23:59');
    const [feedback] = locateControlProblems([{ control: 'feedbackMessage.pt', message: 'must not be empty' }]);
    assert.equal(localizedSummary(feedback!, pt, 'pt'), 'Pedido de avaliação (Português): não pode ficar vazio');
    assert.equal(localizedLabel('thresholds.chatTimeWarnSeconds', es), 'Aviso de tiempo de chat');
    assert.equal(localizedControlMessage('must be 3 or more', pt), 'Deve ser 3 ou mais.');
  });

  it('keeps what it does not recognise from the API, and the typed value, as written', () => {
    const [domain] = locateProblems([{ field: 'allowedDomains[0]', message: '"not a domain" is not a domain name' }], [2]);
    assert.equal(localizedSummary(domain!, es, 'es'), 'Dominios permitidos, línea 2: "not a domain" is not a domain name');
    assert.equal(localizedServerMessage('Line 2: "x" is not a domain name.', es, 'es'), 'Línea 2: "x" is not a domain name');
    assert.equal(localizedServerMessage('Must not be empty.', es, 'es'), 'No puede estar vacío.');
  });
});
