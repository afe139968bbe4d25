/** L-MODEL: model-based test of state changes (SPEC §6) against a deliberately simple model (`properties/model/`). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSnapshotArb, withFreshAdministrator } from './arbitraries/requests.js';
import { load } from './laws/support.js';
import { commandArbs, disagreements, type EngineBox, type ModelBox } from './model/commands.js';
import { modelOf } from './model/facts.js';

/** At least 200 sequences in CI; FC_NUM_RUNS may ask for more, never for fewer. */
const RUNS = Math.max(200, Number(process.env['FC_NUM_RUNS'] ?? 200) || 200);

describe('L-MODEL: the engine and a simple model of SPEC §3 and §6 agree after every command', () => {
  it('L-MODEL (R-TRN-1, R-TRN-3, R-TRN-4, R-TRN-5, R-TRN-6, R-TRN-7, R-TRN-8, R-SHR-6, R-GRP-4, R-ADM-5): sequences of up to 30 commands (create/delete data sources and groups, share/unshare with users and tenants, overrides, members, moves, roles, role permissions, administrative access, status, user and tenant deletion) leave the same effective permissions, the same facts, and a snapshot that passes SPEC §2', () => {
    fc.assert(
      fc.property(requestSnapshotArb, fc.commands([...commandArbs], { maxCommands: 30, size: 'max' }), (json, commands) => {
        const admin = withFreshAdministrator(json);
        const s = load(admin.json);
        expect(s).toBeDefined();
        if (s === undefined) return false;
        const model: ModelBox = { state: modelOf(admin.json, admin.userId), log: [], outcomes: [] };
        expect(disagreements(model.state, s)).toEqual([]);
        const engine: EngineBox = { snapshot: s };
        fc.modelRun(() => ({ model, real: engine }), commands);
        return disagreements(model.state, engine.snapshot).length === 0;
      }),
      { numRuns: RUNS },
    );
  });

  it('L-MODEL is not vacuous: every command kind changes the state in many sequences, and refusals (R-SHR-7, R-SHR-3, R-GRP-4, R-ADM-5, R-TRN-5, R-TRN-6) occur', () => {
    const outcomes = new Map<string, number>();
    for (const [json, commands] of fc.sample(fc.tuple(requestSnapshotArb, fc.commands([...commandArbs], { maxCommands: 30, size: 'max' })), { seed: 42, numRuns: 100 })) {
      const admin = withFreshAdministrator(json);
      const s = load(admin.json);
      if (s === undefined) continue;
      const model: ModelBox = { state: modelOf(admin.json, admin.userId), log: [], outcomes: [] };
      fc.modelRun(() => ({ model, real: { snapshot: s } }), commands);
      for (const o of model.outcomes) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
    }
    console.log([...outcomes.entries()].sort().map(([k, n]) => `${k}: ${n}`).join(', '));
    const kinds = ['CreateDataSource', 'DeleteDataSource', 'ShareWithUser', 'UnshareUser', 'ShareWithTenant', 'UnshareTenant', 'SetOverride', 'AddMembers', 'RemoveMember', 'MoveUser', 'ChangeRoles', 'ChangeRolePermissions', 'ChangeAdminAccess', 'ChangeStatus', 'DeleteUser', 'DeleteTenant'];
    const changed = Object.fromEntries(kinds.map((k) => [k, (outcomes.get(`${k} changed`) ?? 0) >= 10]));
    expect(changed).toEqual(Object.fromEntries(kinds.map((k) => [k, true])));
    const refusals = ['ShareWithUser', 'ChangeAdminAccess', 'DeleteTenant'].map((k) => [k, (outcomes.get(`${k} refused`) ?? 0) >= 5]);
    expect(Object.fromEntries(refusals)).toEqual({ ShareWithUser: true, ChangeAdminAccess: true, DeleteTenant: true });
  });
});
