/**
 * The client's answer (`clientAnswer`) and the edge boolean (`isAllowed`), on decisions of the
 * example snapshot: an allow gives its status and response body (null when the operation
 * answers none); a deny gives its status and the gateway's envelope, never the trace.
 */
import { describe, expect, it } from 'vitest';
import { clientAnswer } from '../../src/decide/clientAnswer.js';
import { isAllowed } from '../../src/decide/decision.js';
import { decideHttp } from '../../src/decide/http.js';
import { example } from '../helpers.js';

const s = example();

describe('the client answer of a decision (R-REQ-3, R-REQ-7)', () => {
  it('R-REQ-7 R-RES-1 an allowed read answers its status and its response body', () => {
    const d = decideHttp(s, { actor: 'SysAdmin', method: 'GET', path: '/api/mgmt/datasources/14' });
    expect(d.decision).toBe('allow');
    expect(isAllowed(d)).toBe(true);
    expect(clientAnswer(d)).toEqual({ status: 200, body: { id: 14, name: 'Postgres_Private', isGroup: false, owner: 7 } });
  });

  it('R-REQ-7 an allowed request without a response body answers null', () => {
    const d = decideHttp(s, { actor: 'SysAdmin', method: 'DELETE', path: '/api/mgmt/datasources/14' });
    expect(d.decision).toBe('allow');
    expect(clientAnswer(d)).toEqual({ status: 204, body: null });
  });

  it('R-REQ-3 a denial answers its status and the envelope only', () => {
    const d = decideHttp(s, { actor: 'SQLUser', method: 'GET', path: '/api/mgmt/datasources/999999/permissions' });
    expect(isAllowed(d)).toBe(false);
    const answer = clientAnswer(d);
    expect(answer).toEqual({ status: 404, body: d.decision === 'deny' ? d.error : undefined });
    expect(JSON.stringify(answer)).not.toContain('trace');
  });
});
