/**
 * L-AUDIT (R-AUD-4, R-ADM-1), why-not: for a denied request, every suggestion, applied to a copy
 * of the snapshot, gives a snapshot that passes the checks of SPEC §2 and allows the request;
 * suggestions come least privilege first; and Administrator (12) is suggested only alone and only
 * when no smaller grant to the actor works — checked independently: giving the actor every
 * other catalog permission explicitly and administrative access on every tenant it may
 * administer (R-ADM-5), and making it the owner of the target data source, must not allow it.
 */
import { applyFixes, whyNot, type Fix } from '../../src/audit/whyNot.js';
import { SYSTEM_TENANT } from '../../src/catalog/catalog.js';
import type { Request } from '../../src/codec/request.js';
import { decide } from '../../src/decide/decide.js';
import { userByName, type Snapshot } from '../../src/model/snapshot.js';

/** Everything but 12 the actor could be given (permissions, tenant access, ownership of the data source the path names). */
const everythingButAdministrator = (s: Snapshot, request: Request): ReadonlyArray<Fix> => {
  const ref = request.request.actor;
  const actor = typeof ref === 'string' ? userByName(s, ref) : s.users.get(ref.id);
  if (actor === undefined) return [];
  const fixes: Fix[] = [{ _tag: 'Activate', userId: actor.id }];
  for (const p of s.catalog.byId.keys()) if (p !== 12) fixes.push({ _tag: 'AddUserPermission', userId: actor.id, permission: p });
  for (const t of s.tenants.keys()) if (actor.tenantId === SYSTEM_TENANT || t === actor.tenantId) fixes.push({ _tag: 'GrantTenantAccess', userId: actor.id, tenantId: t });
  return fixes;
};

/** The violations of L-AUDIT's why-not for `request` on `s`. */
export const whyNotViolations = (s: Snapshot, request: Request): ReadonlyArray<string> => {
  const first = decide(s, request);
  const w = whyNot(s, request);
  const out: string[] = [];
  if (first.decision === 'allow') return w.suggestions.length === 0 ? [] : ['an allowed request got suggestions'];
  w.suggestions.forEach((x, i) => {
    const changed = applyFixes(s, x.fixes);
    if (changed === undefined) out.push(`suggestion ${i + 1} ${JSON.stringify(x.fixes)} breaks a rule of SPEC §2`);
    else if (decide(changed, request).decision !== 'allow') out.push(`suggestion ${i + 1} ${JSON.stringify(x.fixes)} does not allow the request (${decide(changed, request).status})`);
    if (i > 0 && (w.suggestions[i - 1]?.cost ?? 0) > x.cost) out.push('suggestions are not ordered least privilege first');
  });
  const withAdmin = w.suggestions.filter((x) => x.fixes.some((f) => f._tag === 'Administrator'));
  if (withAdmin.length > 0) {
    if (w.suggestions.length > 1) out.push(`Administrator (12) suggested beside smaller suggestions: ${JSON.stringify(w.suggestions.map((x) => x.fixes))}`);
    const smaller = applyFixes(s, everythingButAdministrator(s, request));
    if (smaller !== undefined && decide(smaller, request).decision === 'allow') out.push('Administrator (12) suggested although every smaller permission and tenant access together allow the request');
  }
  return out;
};
