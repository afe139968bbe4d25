import { describe, expect, it } from 'vitest';
import { statusStep } from '../../src/rules/routeSteps.js';
import { load, userNamed } from '../helpers.js';

const s = load({
  tenants: [{ id: 1, name: 'System' }, { id: 56, name: 'OrgA', parentTenant: 1 }],
  roles: [{ id: 40, name: 'A', tenantId: 56, permissions: [2] }],
  users: [
    { id: 10, userName: 'active', tenantId: 56, permissions: { roles: [40] } },
    { id: 11, userName: 'locked', tenantId: 56, permissions: { roles: [40] }, statusInfo: { status: 1, accountLocked: true } },
    { id: 12, userName: 'inactive', tenantId: 56, permissions: { roles: [40] }, statusInfo: { status: 0 } },
  ],
});

describe('the status step of a route (R-EFF-3)', () => {
  it.each([
    ['active', 'pass', '`active` is active and unlocked'],
    ['locked', 'fail', '`locked` is locked: its effective permissions are empty on every data source'],
    ['inactive', 'fail', '`inactive` is inactive: its effective permissions are empty on every data source'],
  ])('R-EFF-3 %s', (name, outcome, why) => {
    expect(statusStep(userNamed(s, name))).toMatchObject({ rule: 'R-EFF-3', check: 'subject is active', outcome, why });
  });
});
