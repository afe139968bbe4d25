import * as E from 'fp-ts/lib/Either.js';
import { generateSnapshot, fullSize, mulberry32, generateRequests } from './generate.js';
import { loadSnapshot, encodeSnapshot } from '../src/snapshot/load.js';
import { effectiveAccessById } from '../src/rules/dataSourcePermissions.js';
import { pickTargets, requestFor, runChain, changeKinds } from './applyBench.js';
const what = process.argv[2];
const s0 = loadSnapshot(JSON.parse(JSON.stringify(generateSnapshot(20240501, fullSize))));
if (E.isLeft(s0)) throw new Error('x');
const s = s0.right;
const t = pickTargets(s, mulberry32(20240501 ^ 0x5eed), 500)!;
if (what === 'role') {
  const role = s.roles.get(1270)!;
  console.log('role users', role.users.length, 'tenant', role.tenantId);
  let owned = 0, shares = 0; for (const u of role.users) { owned += (s.dataSourcesByOwner.get(u) ?? []).length; shares += (s.userSharesByRecipient.get(u) ?? []).length; }
  console.log('owned', owned, 'received shares', shares);
  const small = s.roles.get(1882)!; let o2=0; for (const u of small.users) o2 += (s.dataSourcesByOwner.get(u) ?? []).length; console.log('small owned', o2);
  const t0 = Date.now(); const r = runChain(s, 60, (i) => requestFor(t, 'role', i, role), true); console.log('role chain', Date.now() - t0, r.changed);
} else {
  const kinds = changeKinds.filter((k) => k !== 'role');
  const rnd = mulberry32(5);
  const after = runChain(s, 3000, () => requestFor(t, kinds[Math.floor(rnd() * kinds.length)]!, Math.floor(rnd() * 1e6)), false).snapshot;
  const fresh = loadSnapshot(encodeSnapshot(after)); if (E.isLeft(fresh)) throw new Error('y');
  const reqs = generateRequests(encodeSnapshot(s), 20240501, 100000);
  const dec = (x: typeof s) => { let acc = 0; const t0 = process.hrtime.bigint(); for (let k = 0; k < 10; k++) for (const r of reqs) { const e = effectiveAccessById(x, r.userId, r.dsId, r.groupId); acc += E.isRight(e) ? e.right.permissions.lo : 1; } return [Number(process.hrtime.bigint() - t0) / 1e6 / reqs.length / 10 * 1e6, acc]; };
  for (let k = 0; k < 3; k++) console.log('after', dec(after), 'fresh', dec(fresh.right));
}
