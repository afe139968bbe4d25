/**
 * Trace verification (R-TRC-2, R-TRC-3): every fact a trace cites holds in the snapshot, every
 * set-valued fact is ascending, and a query-channel decision (R-USE-1) can be recomputed from
 * the trace's facts alone.
 *
 * INVARIANT (independent): facts about effective permissions are checked against a second,
 * plain computation of SPEC §3 written here from the snapshot's stored lists, never by calling
 * the rules that produced the trace, so a wrong rule cannot vouch for its own facts.
 */
import type { Decision } from '../../src/decide/decision.js';
import type { DataSource, Snapshot, User } from '../../src/model/snapshot.js';
import { statedFacts, type Fact, type RouteName, type Step } from '../../src/model/trace.js';
import { unionOfGrants } from './naive.js';

const ADMINISTRATOR = 12;

const sameIds = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean => a.length === b.length && a.every((x, i) => x === b[i]);


/** R-EFF-1, recomputed: the union of the user's roles' permissions and its explicit permissions. */
const userPermissionIds = (snapshot: Snapshot, user: User): ReadonlyArray<number> =>
  unionOfGrants(user.roles, user.explicitPermissions.ids, (id) => snapshot.roles.get(id)?.permissions.ids ?? []);

/** R-EFF-3, recomputed from the stored status. */
const isActive = (user: User): boolean => user.status !== 0 && !user.accountLocked;

/** R-SHR-6, recomputed: the recipient is in the owner's tenant, or the owner administers it, or holds 12. */
const shareInForce = (snapshot: Snapshot, d: DataSource, recipient: User): boolean => {
  const owner = snapshot.users.get(d.owner);
  return (
    owner !== undefined &&
    (owner.tenantId === recipient.tenantId || owner.tenantsAdministered.includes(recipient.tenantId) || userPermissionIds(snapshot, owner).includes(ADMINISTRATOR))
  );
};

interface Access {
  readonly route: RouteName;
  readonly permissions: ReadonlyArray<number>;
}

const noAccess: Access = { route: 'none', permissions: [] };

/** SPEC §3 without groups (R-EFF-3, R-DSP-1..3, R-SHR-1, R-SHR-2, R-SHR-6), recomputed. */
const directAccess = (snapshot: Snapshot, user: User, d: DataSource): Access => {
  if (!isActive(user)) return { route: 'inactive', permissions: [] };
  if (d.owner === user.id) {
    return d.permissions !== undefined ? { route: 'override', permissions: d.permissions.ids } : { route: 'owner', permissions: userPermissionIds(snapshot, user) };
  }
  const share = d.sharedUsers.get(user.id);
  if (share !== undefined && shareInForce(snapshot, d, user)) return { route: 'userShare', permissions: share.permissions.ids };
  const tenantShare = d.sharedTenants.get(user.tenantId);
  if (tenantShare !== undefined) return { route: 'tenantShare', permissions: tenantShare.permissions.ids };
  return noAccess;
};

/** R-GRP-1, recomputed. */
const accessThroughGroup = (snapshot: Snapshot, user: User, g: DataSource, m: DataSource): Access => {
  if (!isActive(user)) return { route: 'inactive', permissions: [] };
  if (!g.isGroup || !g.members.some((x) => x.id === m.id)) return noAccess;
  const viaGroup = directAccess(snapshot, user, g);
  if (viaGroup.route === 'none' || viaGroup.route === 'inactive') return viaGroup;
  return { route: 'group', permissions: viaGroup.route === 'owner' ? directAccess(snapshot, user, m).permissions : viaGroup.permissions };
};

/** Whether an EffectivePermissions fact states what SPEC §3 gives (R-REQ-3 for the `administrator` route). */
const effectiveFactHolds = (snapshot: Snapshot, f: Extract<Fact, { readonly _tag: 'EffectivePermissions' }>): boolean => {
  const user = snapshot.users.get(f.userId);
  const d = snapshot.dataSources.get(f.dataSourceId);
  if (user === undefined || d === undefined) return false;
  if (f.route === 'administrator') {
    // R-REQ-3: a direct request by an A12 actor reaches every data source; its set is the override if any, else its user permissions
    const own = userPermissionIds(snapshot, user);
    const group = f.groupId === null ? undefined : snapshot.dataSources.get(f.groupId);
    const viaGroupOk = f.groupId === null || (group !== undefined && group.isGroup && group.members.some((m) => m.id === d.id));
    return viaGroupOk && isActive(user) && own.includes(ADMINISTRATOR) && sameIds(f.permissions, d.permissions?.ids ?? own);
  }
  let expected: Access;
  if (f.groupId === null) expected = directAccess(snapshot, user, d);
  else {
    const g = snapshot.dataSources.get(f.groupId);
    if (g === undefined) return false;
    expected = accessThroughGroup(snapshot, user, g, d);
  }
  return expected.route === f.route && sameIds(expected.permissions, f.permissions);
};

/** Whether `fact` holds in `snapshot` (R-TRC-2). `Requires` and `Note` are about the request, not the snapshot: they hold here and are checked by `recomputeUse`. */
export const factHolds = (snapshot: Snapshot, fact: Fact): boolean => {
  switch (fact._tag) {
    case 'User': {
      const u = snapshot.users.get(fact.userId);
      return u !== undefined && u.userName === fact.userName && u.tenantId === fact.tenantId && u.status === fact.status && u.accountLocked === fact.accountLocked;
    }
    case 'UnknownUser': {
      // the actor was named by name, or by id (rendered as its digits): unknown under the reading that applies
      const byName = !snapshot.userIdsByName.has(fact.user);
      const byId = /^[0-9]+$/.test(fact.user) && !snapshot.users.has(Number(fact.user));
      return byName || byId;
    }
    case 'Role': {
      const r = snapshot.roles.get(fact.roleId);
      return r !== undefined && r.name === fact.roleName && r.tenantId === fact.tenantId && sameIds(r.permissions.ids, fact.permissions);
    }
    case 'UserRoles': {
      const u = snapshot.users.get(fact.userId);
      return u !== undefined && sameIds(u.roles, fact.roles);
    }
    case 'ExplicitPermissions': {
      const u = snapshot.users.get(fact.userId);
      return u !== undefined && sameIds(u.explicitPermissions.ids, fact.permissions);
    }
    case 'UserPermissions': {
      const u = snapshot.users.get(fact.userId);
      return u !== undefined && sameIds(userPermissionIds(snapshot, u), fact.permissions);
    }
    case 'DataSource': {
      const d = snapshot.dataSources.get(fact.dataSourceId);
      return d !== undefined && d.name === fact.name && d.owner === fact.owner && d.isGroup === fact.isGroup;
    }
    case 'UnknownDataSource':
      return !snapshot.dataSources.has(fact.dataSourceId);
    case 'Override': {
      const d = snapshot.dataSources.get(fact.dataSourceId);
      if (d === undefined) return false;
      return fact.permissions === null ? d.permissions === undefined : d.permissions !== undefined && sameIds(d.permissions.ids, fact.permissions);
    }
    case 'UserShare': {
      const d = snapshot.dataSources.get(fact.dataSourceId);
      const share = d?.sharedUsers.get(fact.userId);
      const recipient = snapshot.users.get(fact.userId);
      return d !== undefined && share !== undefined && recipient !== undefined && sameIds(share.permissions.ids, fact.permissions) && shareInForce(snapshot, d, recipient) === fact.inForce;
    }
    case 'NoUserShare': {
      const d = snapshot.dataSources.get(fact.dataSourceId);
      return d !== undefined && !d.sharedUsers.has(fact.userId);
    }
    case 'TenantShare': {
      const share = snapshot.dataSources.get(fact.dataSourceId)?.sharedTenants.get(fact.tenantId);
      return share !== undefined && sameIds(share.permissions.ids, fact.permissions);
    }
    case 'NoTenantShare': {
      const d = snapshot.dataSources.get(fact.dataSourceId);
      return d !== undefined && !d.sharedTenants.has(fact.tenantId);
    }
    case 'TenantAccess': {
      const u = snapshot.users.get(fact.userId);
      return u !== undefined && u.tenantsAdministered.includes(fact.tenantId) === fact.held;
    }
    case 'Membership': {
      const g = snapshot.dataSources.get(fact.groupId);
      return g !== undefined && (g.isGroup && g.members.some((m) => m.id === fact.memberId)) === fact.member;
    }
    case 'EffectivePermissions':
      return effectiveFactHolds(snapshot, fact);
    case 'Requires':
    case 'Note':
    case 'Route':
    case 'Ref':
      return true;
    case 'Absent':
      return absentHolds(snapshot, fact.kind, fact.id);
    case 'Reach': {
      const u = snapshot.users.get(fact.userId);
      const d = snapshot.dataSources.get(fact.dataSourceId);
      return u !== undefined && d !== undefined && reachRoute(snapshot, u, d) === fact.route;
    }
  }
};

/** Whether an Absent fact holds: the id does not exist, or (for the hidden kinds) it exists. */
const absentHolds = (snapshot: Snapshot, kind: Extract<Fact, { readonly _tag: 'Absent' }>['kind'], id: number): boolean => {
  switch (kind) {
    case 'dataSource':
      return !snapshot.dataSources.has(id);
    case 'user':
      return !snapshot.users.has(id);
    case 'role':
      return !snapshot.roles.has(id);
    case 'tenant':
      return !snapshot.tenants.has(id);
    case 'permission':
      return !snapshot.catalog.byId.has(id);
    case 'oauthApp':
      return !snapshot.oauthApps.has(id);
    case 'oauthProfile':
      return !snapshot.oauthProfiles.has(id);
    case 'hiddenOAuthApp':
      return snapshot.oauthApps.has(id);
    case 'hiddenOAuthProfile':
      return snapshot.oauthProfiles.has(id);
    case 'hiddenMember':
      return snapshot.dataSources.has(id);
  }
};

/** SPEC §3 routes whatever the user's status (R-OBO-1, R-OBO-3), recomputed. */
const reachRoute = (snapshot: Snapshot, user: User, d: DataSource): RouteName => {
  if (d.owner === user.id) return d.permissions !== undefined ? 'override' : 'owner';
  const share = d.sharedUsers.get(user.id);
  if (share !== undefined && shareInForce(snapshot, d, user)) return 'userShare';
  return d.sharedTenants.has(user.tenantId) ? 'tenantShare' : 'none';
};

/** The set-valued fields of a fact (R-TRC-3: each must be strictly ascending). */
const setsOf = (fact: Fact): ReadonlyArray<ReadonlyArray<number>> => {
  switch (fact._tag) {
    case 'Role':
    case 'ExplicitPermissions':
    case 'UserPermissions':
    case 'UserShare':
    case 'TenantShare':
    case 'EffectivePermissions':
      return [fact.permissions];
    case 'Override':
      return fact.permissions === null ? [] : [fact.permissions];
    case 'UserRoles':
      return [fact.roles];
    default:
      return [];
  }
};

const strictlyAscending = (ids: ReadonlyArray<number>): boolean => ids.every((x, i) => i === 0 || (ids[i - 1] ?? x) < x);

/** A fact with where it sits in the trace and how deep. */
interface PlacedFact {
  readonly fact: Fact;
  readonly path: string;
  readonly depth: number;
}

/** Every fact of a trace in pre-order (a step's own facts before its children's). */
const placedFacts = (steps: ReadonlyArray<Step>, prefix = 'trace', depth = 0): ReadonlyArray<PlacedFact> =>
  steps.flatMap((s, i) => {
    const at = `${prefix}[${i}]`;
    return [
      ...s.facts.map((fact, j) => ({ fact, path: `${at}.facts[${j}]`, depth })),
      ...placedFacts(s.children, `${at}.children`, depth + 1),
    ];
  });

/** The outcome of a query-channel decision recomputed from facts, with every inconsistency found on the way. */
interface Recomputed {
  readonly outcome: 'allow' | 'deny';
  readonly problems: ReadonlyArray<string>;
}

/** R-TRC-2 for R-USE-1: recomputes allow or deny from the facts alone. */
const recompute = (decision: Decision): Recomputed => {
  const facts = placedFacts(decision.trace);
  const problems: string[] = [];
  const deny = (why?: string): Recomputed => {
    if (why !== undefined) problems.push(why);
    return { outcome: 'deny', problems };
  };
  const subject = decision.subject;
  if (facts.some((p) => p.fact._tag === 'UnknownUser')) return deny();
  if (subject === null) {
    // R-EFF-3: a known but inactive or locked actor may be left without a subject; its User fact says why
    const refused = facts.some((p) => p.fact._tag === 'User' && (p.fact.status === 0 || p.fact.accountLocked));
    return refused ? deny() : deny('no subject, no UnknownUser fact and no inactive User fact');
  }
  if (facts.some((p) => p.fact._tag === 'UnknownDataSource')) return deny();
  // R-REQ-2, R-EFF-3: the actor's User fact, active and unlocked
  const actor = facts.flatMap((p) => (p.fact._tag === 'User' && p.fact.userId === subject.id ? [p.fact] : []))[0];
  if (actor === undefined) return deny(`no User fact for the subject ${subject.id}`);
  if (actor.userName !== subject.userName) problems.push(`the User fact names \`${actor.userName}\`, the subject \`${subject.userName}\``);
  if (actor.status === 0 || actor.accountLocked) return deny();
  // R-REQ-3: the outermost EffectivePermissions fact of the subject is the one the request asked about
  const effective = facts
    .flatMap((p) => (p.fact._tag === 'EffectivePermissions' && p.fact.userId === subject.id ? [{ fact: p.fact, depth: p.depth }] : []))
    .reduce<{ readonly fact: Extract<Fact, { readonly _tag: 'EffectivePermissions' }>; readonly depth: number } | undefined>(
      (best, x) => (best === undefined || x.depth < best.depth ? x : best),
      undefined,
    );
  if (effective === undefined) return deny('no EffectivePermissions fact for the subject');
  if (effective.fact.route === 'none' || effective.fact.route === 'inactive') return deny();
  // R-REQ-4: every Requires fact agrees with the sets the trace states; allow iff all are held
  const userPermissions = facts.flatMap((p) => (p.fact._tag === 'UserPermissions' && p.fact.userId === subject.id ? [p.fact.permissions] : []))[0];
  const administrator = userPermissions?.includes(ADMINISTRATOR) === true;
  const requires = facts.flatMap((p) => (p.fact._tag === 'Requires' ? [{ fact: p.fact, path: p.path }] : []));
  if (requires.length === 0) return deny('no Requires fact');
  let allHeld = true;
  for (const { fact, path } of requires) {
    const from = fact.scope === 'dataSource' ? effective.fact.permissions : userPermissions;
    if (from === undefined) {
      problems.push(`${path}: Requires ${fact.permission} (user) without a UserPermissions fact for the subject`);
      allHeld = false;
      continue;
    }
    const expected = from.includes(fact.permission);
    // R-ADM-1: Administrator (12), stated by a UserPermissions fact, may satisfy a requirement
    if (fact.held !== expected && !(fact.held && administrator)) {
      problems.push(`${path}: Requires ${fact.permission} (${fact.scope}) says held=${String(fact.held)}, the facts say ${String(expected)}`);
      allHeld = false;
    }
    if (!fact.held) allHeld = false;
  }
  return { outcome: allHeld ? 'allow' : 'deny', problems };
};

/** Recomputes a query-channel decision (R-USE-1) from its trace's facts alone (R-TRC-2): allow iff the actor is active, reaches the data source and holds every requirement. */
export const recomputeUse = (decision: Decision): 'allow' | 'deny' => recompute(decision).outcome;

/** Every way the decision's trace falls short of R-TRC-2 and R-TRC-3; empty when it is sufficient and sound. */
export const verifyTrace = (snapshot: Snapshot, decision: Decision): ReadonlyArray<string> => {
  const problems: string[] = [];
  const stated = statedFacts(decision.trace).length;
  for (const { fact, path } of placedFacts(decision.trace)) {
    if (fact._tag === 'Ref' && (fact.fact < 0 || fact.fact >= stated)) problems.push(`${path}: refers to fact #${fact.fact}, but the trace states ${stated} (R-TRC-1)`);
    if (!factHolds(snapshot, fact)) problems.push(`${path}: ${fact._tag} fact does not hold in the snapshot: ${JSON.stringify(fact)}`);
    for (const ids of setsOf(fact)) if (!strictlyAscending(ids)) problems.push(`${path}: ${fact._tag} fact lists [${ids.join(',')}], not strictly ascending (R-TRC-3)`);
  }
  if ((decision.decision === 'allow') !== (decision.status >= 200 && decision.status < 300)) {
    problems.push(`decision ${decision.decision} with status ${decision.status}`);
  }
  if (decision.operation === 'UseDataSource') {
    const { outcome, problems: inconsistencies } = recompute(decision);
    problems.push(...inconsistencies);
    if (outcome !== decision.decision) problems.push(`the facts give ${outcome}, the decision is ${decision.decision} (R-TRC-2)`);
  }
  return problems;
};

/** Every fact of a step and its descendants that does not hold or is not ascending (R-TRC-2, R-TRC-3). */
export const verifyStep = (snapshot: Snapshot, root: Step): ReadonlyArray<string> =>
  placedFacts([root], 'step').flatMap(({ fact, path }) => [
    ...(factHolds(snapshot, fact) ? [] : [`${path}: ${fact._tag} fact does not hold in the snapshot: ${JSON.stringify(fact)}`]),
    ...setsOf(fact).flatMap((ids) => (strictlyAscending(ids) ? [] : [`${path}: ${fact._tag} fact lists [${ids.join(',')}], not strictly ascending (R-TRC-3)`])),
  ]);
