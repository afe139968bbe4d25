/**
 * Query-channel decisions (R-USE-1): may the actor query a data source through JDBC, ODBC,
 * OData or the SQL editor, directly or through a group. Operation `UseDataSource`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describePermission, Permission, permissionName } from '../catalog/catalog.js';
import { has, show } from '../catalog/permissionSet.js';
import type { Channel, UseRequest } from '../codec/request.js';
import type { Snapshot, User } from '../model/snapshot.js';
import { administratorAccess, reaches } from '../rules/dataSourcePermissions.js';
import { describeRoute, explainAccess } from '../rules/explainAccess.js';
import { step, type Fact, type Step } from '../trace/trace.js';
import { resolveActor } from './actor.js';
import type { Decision } from './decision.js';
import { dataSourceNotFound, engineError } from './errors.js';

/** The permission each query channel needs on the data source (R-USE-1). */
export const channelPermission: Readonly<Record<Channel, number>> = {
  JDBC: Permission.UseDataSourceWithJDBC,
  ODBC: Permission.UseDataSourceWithODBC,
  OData: Permission.UseDataSourceWithOData,
  SQLEditor: Permission.SQLEditor,
};

const OPERATION = 'UseDataSource';

const subjectOf = (u: User) => ({ id: u.id, userName: u.userName });

const deny = (status: number, message: string, subject: User | null, trace: ReadonlyArray<Step>, notFound?: number): Decision => ({
  decision: 'deny',
  status,
  operation: OPERATION,
  subject: subject === null ? null : subjectOf(subject),
  onBehalfOf: false,
  error: notFound === undefined ? engineError(status, message) : dataSourceNotFound(notFound),
  trace,
});

/** Decides a query-channel request (R-REQ-2, R-EFF-3, R-REQ-3, R-DSP-4, R-USE-1, R-GRP-1). */
export const decideUse = (snapshot: Snapshot, request: UseRequest): Decision => {
  const resolved = resolveActor(snapshot, request.actor);
  if (E.isLeft(resolved)) return deny(resolved.left.status, resolved.left.message, resolved.left.user, [resolved.left.step]);
  const { user, steps } = resolved.right;
  const { dataSource: dsId, via, group: groupId } = request.use;
  const trace: Step[] = [...steps];

  // R-REQ-3: ids that do not exist are 404 with the gateway's not-found error
  const dataSource = snapshot.dataSources.get(dsId);
  const group = groupId === undefined ? undefined : snapshot.dataSources.get(groupId);
  const missing = dataSource === undefined ? dsId : groupId !== undefined && group === undefined ? groupId : undefined;
  if (dataSource === undefined || missing !== undefined) {
    const id = missing ?? dsId;
    trace.push(step('R-REQ-3', 'data source exists', 'fail', `there is no data source ${id}`, [{ _tag: 'UnknownDataSource', dataSourceId: id }]));
    return deny(404, `There is no DataSource with that id: ${id}.`, user, trace, id);
  }

  // R-REQ-3: a data source the subject cannot reach answers 404, never revealing that it exists;
  // a direct request by an A12 actor reaches every existing data source (R-REQ-3, R-ADM-1), but a
  // member named through a group that does not contain it gives nothing, whoever asks (R-GRP-1)
  const explained = explainAccess(snapshot, user, dataSource, group);
  const a12 = false; // wt-sem: R-USE-1, R-ADM-1 (2026-12-01): Administrator (12) opens no query channel; it was `user.isAdministrator`
  const routed = reaches(explained.access);
  const reached = routed || (a12 && explained.access._tag !== 'NotMember');
  const effective = (routed ? explained.access : administratorAccess(user, dataSource)).permissions;
  trace.push(
    step(
      'R-REQ-3',
      'data source is visible to the subject',
      reached ? 'pass' : 'fail',
      routed
        ? `\`${user.userName}\` reaches data source ${dsId}`
        : reached
          ? `\`${user.userName}\` holds Administrator (12): a direct request reaches every data source; its permissions there are ${dataSource.permissions === undefined ? 'its user permissions' : 'the data-source permissions'} ${show(effective)}`
          : `\`${user.userName}\` has no route to data source ${dsId}: answered as not found`,
      routed || !reached
        ? []
        : [
            { _tag: 'EffectivePermissions', userId: user.id, dataSourceId: dsId, groupId: groupId ?? null, route: 'administrator', permissions: effective.ids },
            { _tag: 'UserPermissions', userId: user.id, permissions: user.permissions.ids },
          ],
      [explained.step],
    ),
  );
  if (!reached) return deny(404, `There is no DataSource with that id: ${dsId}.`, user, trace, dsId);

  // R-REQ-4: the channel's permission on the data source, and the web UI gate for the SQL editor (R-DSP-4);
  // Administrator (12) satisfies both (R-ADM-1)
  const needed = channelPermission[via];
  const requirements: Step[] = [];
  const missingParts: string[] = [];
  if (via === 'SQLEditor') {
    const held = has(user.permissions, Permission.WebUI) || a12;
    const fact: Fact = { _tag: 'Requires', permission: Permission.WebUI, name: 'WebUI', scope: 'user', held };
    if (!held) missingParts.push(`user permission ${describePermission(snapshot.catalog, Permission.WebUI)}`);
    requirements.push(step('R-DSP-4', 'feature gate: web UI', held ? 'pass' : 'fail', held ? `\`${user.userName}\`'s user permissions hold WebUI (8)` : `\`${user.userName}\`'s user permissions ${show(user.permissions)} lack WebUI (8); data-source permissions never open a feature gate`, [fact, { _tag: 'UserPermissions', userId: user.id, permissions: user.permissions.ids }]));
  }
  const inSet = has(effective, needed);
  const held = inSet || a12;
  const name = describePermission(snapshot.catalog, needed);
  if (!held) missingParts.push(`${name} on data source ${dsId}`);
  const routeText = routed ? describeRoute(explained.access) : `the Administrator's permissions on data source ${dsId} are ${show(effective)}`;
  requirements.push(
    step(inSet || !a12 ? 'R-USE-1' : 'R-ADM-1', `channel ${via} needs ${name}`, held ? 'pass' : 'fail', inSet ? `${routeText}, which holds ${name}` : a12 ? `${routeText}; Administrator (12) satisfies it (R-ADM-1)` : `${routeText}, which lacks ${name}`, [
      { _tag: 'Requires', permission: needed, name: permissionName(snapshot.catalog, needed), scope: 'dataSource', held },
      ...(inSet || !a12 ? [] : [{ _tag: 'UserPermissions', userId: user.id, permissions: user.permissions.ids } satisfies Fact]),
    ]),
  );
  const ok = missingParts.length === 0;
  trace.push(step('R-REQ-4', `requirement of UseDataSource via ${via}`, ok ? 'pass' : 'fail', ok ? 'every requirement holds' : `missing: ${missingParts.join('; ')}`, [], requirements));
  if (!ok) return deny(403, `user \`${user.userName}\` lacks ${missingParts.join(' and ')}`, user, trace);
  return { decision: 'allow', status: 200, operation: OPERATION, subject: subjectOf(user), onBehalfOf: false, trace };
};
