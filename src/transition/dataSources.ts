/**
 * State changes of data sources, groups, members, data-source permissions and shares
 * (SPEC §5 `/mgmt/datasources`, SPEC §6): R-TRN-3 ownership of a new data source, R-TRN-4 a
 * tenant share absorbing the user shares of its users, R-TRN-6 a deleted data source leaving
 * every group and taking its shares, R-TRN-7 member sets. The decision procedure has already
 * checked every rule on the request (R-REQ-4 … R-REQ-6); a planner only writes the change.
 */
import type { DataSourceJson, MemberJson, TenantShareJson, UserShareJson } from '../codec/snapshot.js';
import type { Payload } from '../codec/payloads.js';
import { deleted, memberRemoved, tenantShareRemoved, updated, created, userShareRemoved, type Change } from '../model/change.js';
import { deleteDataSource, putDataSource, type Edit } from '../model/edit.js';
import type { DataSource, Snapshot } from '../model/snapshot.js';
import { subjectOf } from '../rules/caller.js';
import { idParam } from '../rules/params.js';
import { dataSourceJson } from '../snapshot/encode.js';
import type { Decoded } from '../decide/context.js';
import type { OperationName } from '../operations/operations.js';
import { allocateIds, markDeletions, planned, refusePlan, type Plan, type Planner } from './plan.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** R-TRN-7: members without repeated ids (the first of an id wins), ascending. */
export const distinctMembers = (members: ReadonlyArray<MemberJson>): ReadonlyArray<MemberJson> => {
  const seen = new Set<number>();
  const out: MemberJson[] = [];
  for (const m of members) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m.entityPrefix === undefined ? { id: m.id } : { id: m.id, entityPrefix: m.entityPrefix });
  }
  return out.sort((a, b) => a.id - b.id);
};

/** The data source's JSON with some fields replaced (a list left empty is dropped; `permissions` kept as given). */
const withFields = (ds: DataSource, fields: Partial<Pick<DataSourceJson, 'name' | 'isGroup' | 'permissions' | 'members' | 'sharedUsers' | 'sharedTenants'>>): DataSourceJson => {
  const out: Mutable<DataSourceJson> = { ...dataSourceJson(ds), ...fields };
  if (out.members !== undefined && out.members.length === 0) delete out.members;
  if (out.sharedUsers !== undefined && out.sharedUsers.length === 0) delete out.sharedUsers;
  if (out.sharedTenants !== undefined && out.sharedTenants.length === 0) delete out.sharedTenants;
  return out;
};

/** The data source's JSON without the user shares to `users` and the tenant shares to `tenants`. */
export const withoutShares = (ds: DataSource, users: ReadonlySet<number>, tenants: ReadonlySet<number> = new Set<number>()): DataSourceJson =>
  withFields(ds, {
    sharedUsers: (dataSourceJson(ds).sharedUsers ?? []).filter((sh) => !users.has(sh.userId)),
    sharedTenants: (dataSourceJson(ds).sharedTenants ?? []).filter((sh) => !tenants.has(sh.tenantId)),
  });

const byUser = (a: UserShareJson, b: UserShareJson): number => a.userId - b.userId;
const byTenant = (a: TenantShareJson, b: TenantShareJson): number => a.tenantId - b.tenantId;

/** The target data source, or a refusal when the decision had none (impossible for an allowed request on a data-source path). */
const withTarget = (ctx: Decoded, f: (ds: DataSource) => Plan): Plan =>
  ctx.dataSource === undefined ? refusePlan('R-TRN-1', 'the request names no data source') : f(ctx.dataSource);

/** Whether a payload is of the given kind. */
export const isPayload = <Tag extends Payload['_tag']>(p: Payload, tag: Tag): p is Extract<Payload, { readonly _tag: Tag }> => p._tag === tag;

/** The payload of the given kind, or a refusal (impossible after the payload stage). */
export const payloadOf = <Tag extends Payload['_tag']>(ctx: Decoded, tag: Tag, f: (p: Extract<Payload, { readonly _tag: Tag }>) => Plan): Plan => {
  const p = ctx.payload;
  return isPayload(p, tag) ? f(p) : refusePlan('R-TRN-1', `expected a ${tag} body`);
};

/** R-TRN-3: a new data source or group, owned by the subject (the `?user=` target under on-behalf-of). */
const createDataSource: Planner = (ctx) =>
  payloadOf(ctx, 'DataSourceCreate', (body) => {
    const { ids, edit } = allocateIds(ctx.snapshot, 'dataSource');
    const id = ids[0] ?? 0;
    const json: Mutable<DataSourceJson> = { id, name: body.name, owner: subjectOf(ctx.caller).id, isGroup: body.isGroup ?? false };
    if (body.permissions !== undefined) json.permissions = [...new Set(body.permissions)].sort((a, b) => a - b);
    if (body.members !== undefined && body.members.length > 0) json.members = distinctMembers(body.members); // R-TRN-7
    return planned([putDataSource(json), edit], [created('dataSource', id)]);
  });

/** `PUT /mgmt/datasources/{id}`: name, group flag, data-source permissions (on-behalf-of, R-PAY-1) and members as given. */
const updateDataSource: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'DataSourceUpdate', (body) => {
      const fields: Mutable<Partial<DataSourceJson>> = {};
      if (body.name !== undefined) fields.name = body.name;
      if (body.isGroup !== undefined) fields.isGroup = body.isGroup;
      if (body.permissions !== undefined) fields.permissions = [...new Set(body.permissions)].sort((a, b) => a - b);
      if (body.members !== undefined) fields.members = distinctMembers(body.members); // R-TRN-7: the set is replaced
      return planned([putDataSource(withFields(ds, fields))], [updated('dataSource', ds.id)]);
    }),
  );

/** `PUT …/permissions`: the data-source permissions replaced (R-DSP-1; the API cannot clear them, R-TRN-6). */
const updateDataSourcePermissions: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'DataSourcePermissions', (body) =>
      planned([putDataSource(withFields(ds, { permissions: [...new Set(body.permissions)].sort((a, b) => a - b) }))], [updated('dataSource', ds.id)]),
    ),
  );

/** The edits and changes that take data source `ds` out of every group holding it (R-TRN-6). */
const leaveGroups = (s: Snapshot, ds: DataSource): { readonly edits: ReadonlyArray<Edit>; readonly changes: ReadonlyArray<Change> } => {
  const edits: Edit[] = [];
  const changes: Change[] = [];
  for (const gid of ds.groups) {
    const group = s.dataSources.get(gid);
    if (group === undefined) continue;
    edits.push(putDataSource(withFields(group, { members: dataSourceJson(group).members?.filter((m) => m.id !== ds.id) ?? [] })));
    changes.push(memberRemoved(gid, ds.id, 'R-TRN-6'));
  }
  return { edits, changes };
};

/** The shares of `ds` reported as removed by `rule` (they go with it). */
export const sharesGone = (ds: DataSource, rule: 'R-TRN-6'): ReadonlyArray<Change> => [
  ...[...ds.sharedUsers.keys()].map((uid) => userShareRemoved(ds.id, uid, rule)),
  ...[...ds.sharedTenants.keys()].map((tid) => tenantShareRemoved(ds.id, tid, rule)),
];

/** R-TRN-6: deleting a data source takes it out of every group and drops its shares; deleting a group leaves its members. */
export const deleteDataSourcePlan = (s: Snapshot, ds: DataSource, rule: 'R-TRN-6' | null): { readonly edits: ReadonlyArray<Edit>; readonly changes: ReadonlyArray<Change> } => {
  const groups = leaveGroups(s, ds);
  return {
    edits: [...groups.edits, deleteDataSource(ds.id)],
    changes: [deleted('dataSource', ds.id, rule), ...groups.changes, ...sharesGone(ds, 'R-TRN-6')],
  };
};

const deleteDataSourcePlanner: Planner = (ctx) =>
  withTarget(ctx, (ds) => {
    const { edits, changes } = deleteDataSourcePlan(ctx.snapshot, ds, null);
    return planned([...edits, markDeletions(ctx.snapshot, ['dataSource'])], changes);
  });

/** R-TRN-7: `POST …/members` adds (members already there stay as they are). */
const addMembers: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'Members', (body) => {
      const current = dataSourceJson(ds).members ?? [];
      return planned([putDataSource(withFields(ds, { members: distinctMembers([...current, ...body.members]) }))], [updated('dataSource', ds.id)]);
    }),
  );

/** R-TRN-7: `PUT …/members` replaces the member set. */
const replaceMembers: Planner = (ctx) =>
  withTarget(ctx, (ds) => payloadOf(ctx, 'Members', (body) => planned([putDataSource(withFields(ds, { members: distinctMembers(body.members) }))], [updated('dataSource', ds.id)])));

/** `DELETE …/members/{mid}`. */
const removeMember: Planner = (ctx) =>
  withTarget(ctx, (ds) => {
    const mid = idParam(ctx.params, 'mid') ?? -1;
    const members = (dataSourceJson(ds).members ?? []).filter((m) => m.id !== mid);
    return planned([putDataSource(withFields(ds, { members }))], [updated('dataSource', ds.id)]);
  });

/** The user shares of `ds` as JSON. */
const userShares = (ds: DataSource): ReadonlyArray<UserShareJson> => dataSourceJson(ds).sharedUsers ?? [];
/** The tenant shares of `ds` as JSON. */
const tenantShares = (ds: DataSource): ReadonlyArray<TenantShareJson> => dataSourceJson(ds).sharedTenants ?? [];

const sortedIds = (ids: ReadonlyArray<number>): ReadonlyArray<number> => [...new Set(ids)].sort((a, b) => a - b);

/** `POST …/sharedUsers`: each recipient's share written (a recipient already shared with gets the new permissions). */
const shareWithUsers: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'UserShares', (body) => {
      const next = new Map<number, UserShareJson>(userShares(ds).map((sh) => [sh.userId, sh]));
      for (const sh of body.sharedUsers) next.set(sh.userId, { userId: sh.userId, permissions: sortedIds(sh.permissions) });
      return planned([putDataSource(withFields(ds, { sharedUsers: [...next.values()].sort(byUser) }))], [updated('dataSource', ds.id)]);
    }),
  );

/** `PUT …/sharedUsers/{uid}`: that share's permissions replaced. */
const updateSharedUser: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'UserSharePermissions', (body) => {
      const uid = idParam(ctx.params, 'uid') ?? -1;
      const shares = userShares(ds).map((sh) => (sh.userId === uid ? { userId: uid, permissions: sortedIds(body.permissions) } : sh));
      return planned([putDataSource(withFields(ds, { sharedUsers: shares }))], [updated('dataSource', ds.id)]);
    }),
  );

/** `DELETE …/sharedUsers`: every user share removed. */
const unshareAllUsers: Planner = (ctx) => withTarget(ctx, (ds) => planned([putDataSource(withFields(ds, { sharedUsers: [] }))], [updated('dataSource', ds.id)]));

/** `DELETE …/sharedUsers/{uid}`. */
const unshareUser: Planner = (ctx) =>
  withTarget(ctx, (ds) => {
    const uid = idParam(ctx.params, 'uid') ?? -1;
    return planned([putDataSource(withFields(ds, { sharedUsers: userShares(ds).filter((sh) => sh.userId !== uid) }))], [updated('dataSource', ds.id)]);
  });

/**
 * `POST …/sharedTenants`: each tenant's share written; R-TRN-4 (R-SHR-3): the user shares of the
 * data source to users of those tenants are removed (they keep access through the tenant share).
 */
const shareWithTenants: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'TenantShares', (body) => {
      const next = new Map<number, TenantShareJson>(tenantShares(ds).map((sh) => [sh.tenantId, sh]));
      for (const sh of body.sharedTenants) next.set(sh.tenantId, { tenantId: sh.tenantId, permissions: sortedIds(sh.permissions) });
      const removed: Change[] = [];
      const kept = userShares(ds).filter((sh) => {
        const tenant = ctx.snapshot.users.get(sh.userId)?.tenantId;
        const covered = tenant !== undefined && next.has(tenant);
        if (covered) removed.push(userShareRemoved(ds.id, sh.userId, 'R-TRN-4'));
        return !covered;
      });
      return planned([putDataSource(withFields(ds, { sharedTenants: [...next.values()].sort(byTenant), sharedUsers: kept }))], [updated('dataSource', ds.id), ...removed]);
    }),
  );

/** `PUT …/sharedTenants/{tid}`: that share's permissions replaced. */
const updateSharedTenant: Planner = (ctx) =>
  withTarget(ctx, (ds) =>
    payloadOf(ctx, 'TenantSharePermissions', (body) => {
      const tid = idParam(ctx.params, 'tid') ?? -1;
      const shares = tenantShares(ds).map((sh) => (sh.tenantId === tid ? { tenantId: tid, permissions: sortedIds(body.permissions) } : sh));
      return planned([putDataSource(withFields(ds, { sharedTenants: shares }))], [updated('dataSource', ds.id)]);
    }),
  );

/** `DELETE …/sharedTenants`: every tenant share removed. */
const unshareAllTenants: Planner = (ctx) => withTarget(ctx, (ds) => planned([putDataSource(withFields(ds, { sharedTenants: [] }))], [updated('dataSource', ds.id)]));

/** `DELETE …/sharedTenants/{tid}`. */
const unshareTenant: Planner = (ctx) =>
  withTarget(ctx, (ds) => {
    const tid = idParam(ctx.params, 'tid') ?? -1;
    return planned([putDataSource(withFields(ds, { sharedTenants: tenantShares(ds).filter((sh) => sh.tenantId !== tid) }))], [updated('dataSource', ds.id)]);
  });

/** The planners of the data-source operations, by operation name. */
export const dataSourcePlanners: Readonly<Partial<Record<OperationName, Planner>>> = {
  CreateDataSource: createDataSource,
  UpdateDataSource: updateDataSource,
  DeleteDataSource: deleteDataSourcePlanner,
  UpdateDataSourcePermissions: updateDataSourcePermissions,
  AddMembers: addMembers,
  ReplaceMembers: replaceMembers,
  RemoveMember: removeMember,
  ShareWithUsers: shareWithUsers,
  UpdateSharedUser: updateSharedUser,
  UnshareAllUsers: unshareAllUsers,
  UnshareUser: unshareUser,
  ShareWithTenants: shareWithTenants,
  UpdateSharedTenant: updateSharedTenant,
  UnshareAllTenants: unshareAllTenants,
  UnshareTenant: unshareTenant,
};
