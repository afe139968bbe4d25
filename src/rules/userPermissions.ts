/**
 * User permissions with provenance (R-EFF-1): the union of the permissions of the user's roles
 * and the permissions set explicitly on the user, each permission with every grant that gives it.
 */
import { permissionName } from '../catalog/catalog.js';
import type { Role, Snapshot, User } from '../model/snapshot.js';

/** What granted a user permission: one of the user's roles, or the user's explicit permissions. */
export type Grant =
  | { readonly _tag: 'Role'; readonly roleId: number; readonly roleName: string }
  | { readonly _tag: 'Explicit' };

/** One user permission and every grant that gives it. */
export interface GrantedPermission {
  readonly permission: number;
  readonly name: string;
  readonly grants: ReadonlyArray<Grant>;
}

const explicitGrant: Grant = { _tag: 'Explicit' };

const rolesOf = (snapshot: Snapshot, user: User): ReadonlyArray<Role> =>
  user.roles.flatMap((id) => {
    const role = snapshot.roles.get(id);
    return role === undefined ? [] : [role];
  });

/** R-EFF-1: the user's permissions in ascending order, each with the roles or explicit grant that give it. */
export const userPermissionGrants = (snapshot: Snapshot, user: User): ReadonlyArray<GrantedPermission> => {
  const roles = rolesOf(snapshot, user);
  return user.permissions.ids.map((permission) => ({
    permission,
    name: permissionName(snapshot.catalog, permission),
    grants: [
      ...roles
        .filter((r) => r.permissions.ids.includes(permission))
        .map((r): Grant => ({ _tag: 'Role', roleId: r.id, roleName: r.name })),
      ...(user.explicitPermissions.ids.includes(permission) ? [explicitGrant] : []),
    ],
  }));
};

export { userFact, userPermissionFacts } from './facts.js';
