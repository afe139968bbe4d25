/**
 * The audit record's top-level fields on denials that end early: who asked, for whom, and
 * whether the request named a subject (R-OBO-1, R-USE-1).
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { decideUse } from '../../src/decide/use.js';
import { example, userNamed } from '../helpers.js';

const s = example();

describe('top-level fields of early denials', () => {
  it('R-OBO-1 a `?user=` naming nobody is 404, marked on behalf of, with no subject', () => {
    const d = decideHttp(s, { actor: 'SysAdmin', method: 'GET', path: '/api/mgmt/datasources', query: { user: 'nobody-at-all' } });
    expect(d).toMatchObject({ decision: 'deny', status: 404, onBehalfOf: true, subject: null, actor: { userName: 'SysAdmin' } });
  });

  it('R-USE-1 a denied query-channel use names its actor as actor and subject', () => {
    const admin = userNamed(s, 'SysAdmin');
    const d = decideUse(s, { actor: { id: admin.id }, use: { dataSource: 18, via: 'JDBC' } });
    expect(d).toMatchObject({ decision: 'deny', actor: { id: admin.id, userName: 'SysAdmin' }, subject: { id: admin.id, userName: 'SysAdmin' }, onBehalfOf: false });
  });

  it('R-USE-1 an unknown actor has neither actor nor subject', () => {
    const d = decideUse(s, { actor: { id: 999999 }, use: { dataSource: 18, via: 'JDBC' } });
    expect(d).toMatchObject({ decision: 'deny', actor: null, subject: null });
  });
});
