/** The world of the message specs (the payload specs' world and a little more) and helpers over it. */
import * as E from 'fp-ts/lib/Either.js';
import type { Problem } from '../../src/codec/problem.js';
import type { Snapshot, User } from '../../src/model/snapshot.js';
import { authorizeBody } from '../../src/rules/bodyAuthorization.js';
import { checkPayload, type PayloadContext } from '../../src/rules/payloadStructure.js';
import type { Step } from '../../src/model/trace.js';
import { load, userNamed } from '../helpers.js';
import { contextIn, payloadWorldJson } from '../worlds/payload.js';

// The payload specs' world (spec/worlds/payload.ts) with more: tenant 58 gets a role and a user (Frank),
// TwoTenants (system tenant, administers 56 and 57, owns 42), AdminsDb (41) and GroupC (32).
export const worldJson = {
  ...payloadWorldJson,
  roles: [...payloadWorldJson.roles, { id: 94, name: 'EmptyUser', tenantId: 58, permissions: [1, 2, 11] }],
  users: [
    ...payloadWorldJson.users,
    { id: 26, userName: 'TwoTenants', tenantId: 1, permissions: { roles: [2] }, tenantsAdministered: [56, 57] },
    { id: 27, userName: 'Frank', tenantId: 58, permissions: { roles: [94] } },
  ],
  dataSources: [
    ...payloadWorldJson.dataSources,
    { id: 41, name: 'AdminsDb', owner: 7 },
    { id: 42, name: 'TwoTenantsDb', owner: 26 },
    { id: 32, name: 'GroupC', owner: 21, isGroup: true, members: [{ id: 14 }, { id: 15 }] },
  ],
};

/** The world, loaded. */
export const world: Snapshot = load(worldJson);

/** A user of the world by name. */
export const user = (name: string): User => userNamed(world, name);

/** A payload context in the world. */
export const ctx = contextIn(world);

/** The problems `checkPayload` reports for a body (none when it accepts). */
export const problemsOf = (c: PayloadContext, body: unknown): ReadonlyArray<Problem> => {
  const r = checkPayload(c, body);
  return E.isLeft(r) ? r.left : [];
};

/** The body-authorization steps of an accepted body (throws in tests when the body is refused). */
export const stepsFor = (c: PayloadContext, body: unknown): ReadonlyArray<Step> => {
  const r = checkPayload(c, body);
  if (E.isLeft(r)) throw new Error(`body refused: ${JSON.stringify(r.left)}`);
  return authorizeBody(c, r.right);
};
