import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Writable } from 'node:stream';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import pino from 'pino';
import { loggableError } from './logger';

const SECRET = 'my card ends in 4242, write to victoria@example.test';

function databaseError(): Error {
  const driverError = Object.assign(new Error(`insert into "messages" ("text") values ('${SECRET}') - duplicate key value violates unique constraint "messages_interaction_id_client_id_unique"`), {
    code: '23505',
    detail: `Key (text)=(${SECRET}) already exists.`,
    constraint: 'messages_interaction_id_client_id_unique',
    table: 'messages',
  });
  return new UniqueConstraintViolationException(driverError);
}

describe('logs', () => {
  it('keep a database error’s kind, code and constraint but none of the statement or values', () => {
    let written = '';
    const sink = new Writable({ write: (chunk, _encoding, done) => ((written += String(chunk)), done()) });
    pino({ serializers: { err: loggableError } }, sink).error({ err: databaseError() }, 'unexpected error');
    assert.doesNotMatch(written, /4242|victoria/);
    const entry = JSON.parse(written) as { err: { type: string; code: string; constraint: string; message: string } };
    assert.equal(entry.err.type, 'UniqueConstraintViolationException');
    assert.equal(entry.err.code, '23505');
    assert.equal(entry.err.constraint, 'messages_interaction_id_client_id_unique');
    assert.match(entry.err.message, /duplicate key value violates unique constraint/);
  });

  it('leave other errors as they are', () => {
    assert.equal(loggableError(new Error('SMTP server said no')).message, 'SMTP server said no');
  });
});
