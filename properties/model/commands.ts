/**
 * L-MODEL as `fc.commands`: every command is applied to the engine (`apply`, by a system-tenant
 * Administrator, on behalf of the owner for sharing, overrides and members) and to the simple
 * model (`transitions.ts`); after each, both agree on whether the request was refused, on every
 * effective permission of every (user, data source) and (user, member via group), on the facts
 * themselves, and the engine's snapshot passes every check of SPEC §2.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { renderProblems } from '../../src/codec/problem.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { normalizeAndCheck } from '../../src/snapshot/check.js';
import { encodeSnapshot } from '../../src/snapshot/encode.js';
import { apply } from '../../src/transition/apply.js';
import { SETTABLE_IDS, SHARE_IDS } from '../arbitraries/snapshot.js';
import { showDecision, showRequest } from '../laws/requestSupport.js';
import { engineEffective } from '../laws/support.js';
import { effective, modelOf, questionsOf, type ModelState } from './facts.js';
import { factsView, planCommand, type CommandParams } from './transitions.js';

/** The model side: the current state, and the commands run so far (for failure messages). */
export interface ModelBox {
  state: ModelState;
  readonly log: string[];
  /** Each command run, as `<tag> changed|refused` (for the non-vacuity check). */
  readonly outcomes: string[];
}

/** The engine side: the current snapshot. */
export interface EngineBox {
  snapshot: Snapshot;
}

/** The differences between the engine and the model after a command (empty when they agree). */
export const disagreements = (m: ModelState, s: Snapshot): ReadonlyArray<string> => {
  const out: string[] = [];
  const json = encodeSnapshot(s);
  const checked = normalizeAndCheck(json);
  if (E.isLeft(checked)) out.push(`R-TRN-1: the snapshot breaks SPEC §2: ${renderProblems(checked.left)}`);
  for (const q of questionsOf(m)) {
    const expected = effective(m, q.user, q.dataSource, q.group);
    const actual = engineEffective(s, q.user, q.dataSource, q.group);
    if (actual === undefined || actual.join(',') !== expected.join(',')) {
      out.push(`user ${q.user} on ${q.dataSource}${q.group === undefined ? '' : ` via ${q.group}`}: model [${expected.join(',')}], engine [${actual?.join(',') ?? 'unknown'}]`);
    }
  }
  const mine = factsView(m);
  const theirs = factsView({ ...modelOf(json, m.administrator), nextDataSource: s.idMarks.dataSource });
  for (const key of Object.keys(mine)) {
    const a = JSON.stringify(mine[key]);
    const b = JSON.stringify(theirs[key]);
    if (a !== b) out.push(`facts ${key} differ:\n    model  ${a}\n    engine ${b}`);
  }
  return out;
};

/** One command: its parameters; run resolves them against the model, applies to both sides, compares. */
const command = (p: CommandParams): fc.Command<ModelBox, EngineBox> => ({
  check: (m) => planCommand(m.state, p) !== undefined,
  run: (m, r) => {
    const planned = planCommand(m.state, p);
    if (planned === undefined) return;
    m.log.push(`${planned.description}: ${showRequest(planned.request)}`);
    const result = apply(r.snapshot, { _tag: 'Http', request: planned.request }, { trace: false });
    const refused = result.decision.decision === 'deny';
    const history = m.log.map((l, i) => `\n    ${i + 1}. ${l}`).join('');
    if (refused !== (planned.expected === 'refused')) {
      throw new Error(`L-MODEL: ${planned.description}: the model expects ${planned.expected === 'refused' ? 'a refusal' : 'the change'}, the engine answered ${showDecision(result.decision)}\n  commands:${history}`);
    }
    if (result.decision.decision === 'deny' && result.snapshot !== r.snapshot) throw new Error(`R-TRN-1: a refused command changed the snapshot\n  commands:${history}`);
    m.outcomes.push(`${p._tag} ${refused ? 'refused' : 'changed'}`);
    if (planned.expected !== 'refused') m.state = planned.expected;
    r.snapshot = result.snapshot;
    const problems = disagreements(m.state, r.snapshot);
    if (problems.length > 0) throw new Error(`L-MODEL: after ${planned.description} (${showDecision(result.decision)}) engine and model disagree:\n  ${problems.slice(0, 6).join('\n  ')}\n  commands:${history}`);
  },
  toString: () => `${p._tag}(${Object.entries(p).filter(([k]) => k !== '_tag').map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`,
});

const ix = fc.nat(63);
const perms = (ids: ReadonlyArray<number>): fc.Arbitrary<ReadonlyArray<number>> => fc.subarray([...ids]);
/** User-level permissions for roles and explicit sets, Administrator (12) now and then. */
const userLevel: fc.Arbitrary<ReadonlyArray<number>> = fc
  .tuple(fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 21, 25], { maxLength: 6 }), fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }))
  .map(([ids, admin]) => (admin ? [...ids, 12] : ids));

/** The commands of L-MODEL, each with positional parameters. */
export const commandArbs: ReadonlyArray<fc.Arbitrary<fc.Command<ModelBox, EngineBox>>> = [
  fc.record({ owner: ix, isGroup: fc.boolean(), override: fc.option(perms(SETTABLE_IDS), { nil: null, freq: 3 }), members: fc.array(ix, { maxLength: 3 }) }).map((r) => command({ _tag: 'CreateDataSource', ...r })),
  fc.record({ dataSource: ix }).map((r) => command({ _tag: 'DeleteDataSource', ...r })),
  fc.record({ dataSource: ix, user: ix, permissions: perms(SHARE_IDS) }).map((r) => command({ _tag: 'ShareWithUser', ...r })),
  fc.record({ dataSource: ix, user: ix, permissions: perms(SHARE_IDS) }).map((r) => command({ _tag: 'ShareWithUser', ...r })),
  fc.record({ share: ix }).map((r) => command({ _tag: 'UnshareUser', ...r })),
  fc.record({ dataSource: ix, tenant: ix, permissions: perms(SHARE_IDS) }).map((r) => command({ _tag: 'ShareWithTenant', ...r })),
  fc.record({ share: ix }).map((r) => command({ _tag: 'UnshareTenant', ...r })),
  fc.record({ dataSource: ix, permissions: perms(SETTABLE_IDS) }).map((r) => command({ _tag: 'SetOverride', ...r })),
  fc.record({ group: ix, members: fc.array(ix, { maxLength: 3 }), replace: fc.boolean() }).map((r) => command({ _tag: 'AddMembers', ...r })),
  fc.record({ member: ix }).map((r) => command({ _tag: 'RemoveMember', ...r })),
  fc.record({ user: ix, tenant: ix, role: ix }).map((r) => command({ _tag: 'MoveUser', ...r })),
  fc.record({ user: ix, tenant: ix, role: ix }).map((r) => command({ _tag: 'MoveUser', ...r })),
  fc.record({ user: ix, roles: fc.array(ix, { minLength: 1, maxLength: 2 }), explicit: fc.option(userLevel, { nil: null }) }).map((r) => command({ _tag: 'ChangeRoles', ...r })),
  fc.record({ role: ix, permissions: userLevel }).map((r) => command({ _tag: 'ChangeRolePermissions', ...r })),
  fc.record({ user: ix, tenants: fc.array(ix, { maxLength: 2 }), outOfReach: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }) }).map((r) => command({ _tag: 'ChangeAdminAccess', ...r })),
  fc.record({ user: ix, active: fc.boolean() }).map((r) => command({ _tag: 'ChangeStatus', ...r })),
  fc.record({ user: ix }).map((r) => command({ _tag: 'DeleteUser', ...r })),
  fc.record({ tenant: ix }).map((r) => command({ _tag: 'DeleteTenant', ...r })),
];
