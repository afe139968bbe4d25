/** The small world of the payload specs (tenants 56 and 57 under the system tenant) and payload contexts in a snapshot. */
import { fromIds } from '../../src/catalog/permissionSet.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { operations, type OperationName } from '../../src/operations/operations.js';
import type { PayloadContext } from '../../src/rules/payloadStructure.js';
import { userNamed } from '../helpers.js';

// A small world: tenants 1 (system), 56 (OrgA), 57 (OrgB).
// Admin (A12), SysAdmin (system tenant, role 3, administers 56 only), OrgAdmin (tenant 56, administers 56),
// Alice (owner of everything in 56), Bob (56), Carol and Dave (57), Erin (56, holds TenantAPI 25 through role 91).
export const payloadWorldJson = {
  tenants: [
    { id: 1, name: 'System' },
    { id: 56, name: 'OrgA', parentTenant: 1 },
    { id: 57, name: 'OrgB', parentTenant: 1 },
    { id: 58, name: 'Empty', parentTenant: 1 },
  ],
  roles: [
    { id: 88, name: 'QueryBasedRole', tenantId: 56, permissions: [5, 6, 7, 8, 9, 10, 11] },
    { id: 89, name: 'OrgAAdmin', tenantId: 56, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21] },
    { id: 90, name: 'OrgBUser', tenantId: 57, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
    { id: 91, name: 'TenantApiRole', tenantId: 56, permissions: [25] },
    { id: 92, name: 'Spare', tenantId: 56, permissions: [2] },
    { id: 93, name: 'OrgAUser', tenantId: 56, permissions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] },
  ],
  users: [
    { id: 7, userName: 'Admin', tenantId: 1, permissions: { roles: [1] }, tenantsAdministered: [56, 57] },
    { id: 8, userName: 'SysAdmin', tenantId: 1, permissions: { roles: [3] }, tenantsAdministered: [56] },
    { id: 9, userName: 'SysUser', tenantId: 1, permissions: { roles: [2] } },
    { id: 20, userName: 'OrgAdmin', tenantId: 56, permissions: { roles: [89] }, tenantsAdministered: [56] },
    { id: 21, userName: 'Alice', tenantId: 56, permissions: { roles: [93] } },
    { id: 22, userName: 'Bob', tenantId: 56, permissions: { roles: [88] } },
    { id: 23, userName: 'Carol', tenantId: 57, permissions: { roles: [90] } },
    { id: 24, userName: 'Dave', tenantId: 57, permissions: { roles: [90] } },
    { id: 25, userName: 'Erin', tenantId: 56, permissions: { roles: [91, 93] } },
  ],
  dataSources: [
    { id: 13, name: 'Oracle', owner: 21, sharedTenants: [{ tenantId: 57, permissions: [2] }] },
    { id: 14, name: 'Postgres', owner: 21, sharedUsers: [{ userId: 22, permissions: [2, 5] }] },
    { id: 15, name: 'MySQL', owner: 21 },
    { id: 16, name: 'BobsDb', owner: 22 },
    { id: 19, name: 'BobsShared', owner: 22, sharedUsers: [{ userId: 21, permissions: [2] }] },
    { id: 30, name: 'Group', owner: 21, isGroup: true, members: [{ id: 14 }] },
    { id: 31, name: 'GroupB', owner: 21, isGroup: true, members: [{ id: 13 }] },
    { id: 40, name: 'SysAdminsDb', owner: 8 },
  ],
  oauthApps: [
    { id: 17, name: 'OrgAApp', tenantId: 56 },
    { id: 18, name: 'OrgBApp', tenantId: 57 },
  ],
  oauthProfiles: [{ id: 3, name: 'AlicesProfile', oauthAppId: 17, owner: 21 }],
};

/** What a payload context is built from. */
export interface CtxInput {
  readonly operation: OperationName;
  readonly actor: string;
  readonly subject?: string;
  readonly params?: Readonly<Record<string, number | string>>;
  readonly dataSource?: number;
  readonly grantable?: ReadonlyArray<number>;
}

/** A payload context in snapshot `s` (users by name, the operation's body codec from the table). */
export const contextIn =
  (s: Snapshot) =>
  (input: CtxInput): PayloadContext => {
    const actor = userNamed(s, input.actor);
    const subject = input.subject === undefined ? actor : userNamed(s, input.subject);
    return {
      snapshot: s,
      operation: input.operation,
      body: operations.find((row) => row.name === input.operation && row.payload !== undefined)?.payload,
      actor,
      subject,
      onBehalfOf: input.subject !== undefined && subject.id !== actor.id,
      params: input.params ?? {},
      dataSource: input.dataSource === undefined ? undefined : s.dataSources.get(input.dataSource),
      grantable: fromIds(input.grantable ?? []),
    };
  };
