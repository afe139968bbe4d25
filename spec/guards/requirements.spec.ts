/**
 * Requirement leaves (R-REQ-4): administrative access on the system tenant is not the caller's
 * own tenant's (R-ADM-2), and the ownership step states the data source it read (R-SHR-10, R-TRC-1).
 */
import { describe, expect, it } from 'vitest';
import { decideHttp } from '../../src/decide/http.js';
import { allSteps, world } from './world.js';

describe('requirement leaves', () => {
  it('R-ADM-2 a child-tenant administrator holding CORS (23) still needs access on the system tenant', () => {
    const d = decideHttp(world, { actor: 'OrgBoss', method: 'GET', path: '/api/admin/security/cors/whitelist/x' });
    expect(d).toMatchObject({ decision: 'deny', status: 403 });
    expect(d.decision === 'deny' ? d.reason : '').toContain('administrative access on tenant 1');
  });

  it('R-SHR-10 the ownership step carries the data source it read as its fact', () => {
    const d = decideHttp(world, { actor: 'Ann', method: 'GET', path: '/api/mgmt/datasources/100/sharedUsers' });
    expect(d).toMatchObject({ decision: 'allow', status: 200 });
    const owns = allSteps(d.trace).find((s) => s.rule === 'R-SHR-10' && s.check === '`Ann` owns data source 100');
    expect(owns?.outcome).toBe('pass');
    expect(owns?.facts).toHaveLength(1);
  });
});
