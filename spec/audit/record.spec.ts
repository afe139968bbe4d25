import * as E from 'fp-ts/lib/Either.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionRecord, decodeRecord, ENGINE_VERSION, redactRequest, snapshotHash, verifyRecord } from '../../src/audit/record.js';
import { decide } from '../../src/decide/decide.js';
import { apply } from '../../src/transition/apply.js';
import type { HttpRequestJson } from '../../src/codec/request.js';
import { example, exampleJson, load } from '../helpers.js';
import { reverseEveryList } from '../../properties/arbitraries/requests.js';

const s0 = example();
const hash0 = snapshotHash(s0);
const http = (request: HttpRequestJson) => ({ _tag: 'Http' as const, request });
const read: HttpRequestJson = { actor: 'AdminUser', method: 'GET', path: '/api/mgmt/datasources/16/permissions', query: { user: 'ODataUser' } };
const create: HttpRequestJson = { actor: 'AdminUser', method: 'POST', path: '/api/mgmt/datasources', query: { user: 'ODataUser' }, body: { name: 'New', password: 'hunter2' } };

describe('decision records (issue 8, R-TRC-1, R-TRC-3)', () => {
  it('R-TRC-1 a record carries the engine, the snapshot hash, actor, subject, request, decision, status, reasons and trace', () => {
    const d = decide(s0, http(read));
    const r = decisionRecord(d, read, { snapshotHash: hash0 });
    expect(r).toMatchObject({
      recordVersion: 1,
      engine: { name: 'datasource-authz', version: ENGINE_VERSION },
      snapshot: { sha256: hash0 },
      actor: { id: 7, userName: 'AdminUser' },
      subject: { id: 921, userName: 'ODataUser' },
      onBehalfOf: true,
      operation: 'GetDataSourcePermissions',
      decision: 'allow',
      status: 200,
      reasons: [],
      response: { permissions: [7] },
    });
    expect(r.trace).toEqual(d.trace);
    const denied = decide(s0, http({ ...read, actor: 'admin2' }));
    expect(decisionRecord(denied, { ...read, actor: 'admin2' }, { snapshotHash: hash0 }).reasons).toEqual([denied.decision === 'deny' ? denied.reason : '']);
  });

  it('R-TRC-3 the snapshot hash is the same for equal snapshots whatever the order of their lists, and differs for another snapshot', () => {
    expect(hash0).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotHash(load(reverseEveryList(exampleJson())))).toBe(hash0);
    const changed = apply(s0, http(create)).snapshot;
    expect(snapshotHash(changed)).not.toBe(hash0);
  });

  it('redacts the fields the caller names, leaving the request itself untouched', () => {
    const r = decisionRecord(apply(s0, http(create)).decision, create, { snapshotHash: hash0, redact: ['body.password', 'body.absent', 'nothing.here'] });
    expect(r.request).toEqual({ ...create, body: { name: 'New', password: '[redacted]' } });
    expect(create.body).toEqual({ name: 'New', password: 'hunter2' });
    expect(redactRequest({ a: { b: 1 } }, ['a.b.c', 'a'])).toEqual({ a: '[redacted]' });
  });

  it('decodes what it encodes, and reports each bad field with its path', () => {
    const r = decisionRecord(apply(s0, http(create)).decision, create, { snapshotHash: hash0 });
    expect(decodeRecord(JSON.parse(JSON.stringify(r)))).toEqual(E.right(JSON.parse(JSON.stringify(r))));
    const bad = decodeRecord({ ...JSON.parse(JSON.stringify(r)), status: 'ok', trace: [{ rule: 1 }] });
    expect(E.isLeft(bad) ? bad.left.map((p) => p.path) : []).toEqual(expect.arrayContaining(['$.status', '$.trace[0].rule']));
    expect(E.isLeft(decodeRecord('not a record'))).toBe(true);
  });

  it('R-TRN-1 verifies a record against the snapshot it names: decisions re-decided, changes re-applied', () => {
    const decided = decisionRecord(decide(s0, http(read)), read, { snapshotHash: hash0 });
    expect(verifyRecord(decided, s0)).toEqual(E.right({ _tag: 'Verified' }));
    const applied = decisionRecord(apply(s0, http(create)).decision, create, { snapshotHash: hash0 });
    expect(applied.changes).toEqual([{ _tag: 'Created', kind: 'dataSource', id: 5443 }]);
    expect(verifyRecord(applied, s0, hash0)).toEqual(E.right({ _tag: 'Verified' }));
  });

  it('says when the snapshot is another one, when the record was tampered with, and when redaction hides what decided', () => {
    const record = decisionRecord(decide(s0, http(read)), read, { snapshotHash: hash0 });
    const other = apply(s0, http(create)).snapshot;
    expect(verifyRecord(record, other)).toEqual(E.left({ _tag: 'OtherSnapshot', recorded: hash0, actual: snapshotHash(other) }));
    expect(verifyRecord({ ...record, status: 403 }, s0)).toEqual(E.left({ _tag: 'Differs', fields: ['status'] }));
    expect(verifyRecord({ ...record, request: { nonsense: true } }, s0)._tag).toBe('Left');
    const redacted = decisionRecord(decide(s0, http(read)), read, { snapshotHash: hash0, redact: ['query.user'] });
    expect(verifyRecord(redacted, s0)).toEqual(E.left({ _tag: 'Redacted', fields: ['query.user'] }));
  });

  it('records the package version', () => {
    expect(ENGINE_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
