/**
 * L-CLIENT-MESSAGE (R-REQ-3, R-ERR-1): a 403's client message names only what the caller may
 * already see. Every user name quoted in it is the actor's, the `?user=` subject's, or a name the
 * request itself carries; every tenant it names by id is the actor's own tenant, one the actor
 * administers, or an id the request carries (path or body). The auditor's `reason` may say more.
 */
import type { HttpRequestJson } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { clientAnswer } from '../../src/decide/clientAnswer.js';
import { decideHttp } from '../../src/decide/http.js';
import { showRequest } from './requestSupport.js';
import { load } from './support.js';

/** Every number and string the request carries (path, query, body), as text. */
const carried = (request: HttpRequestJson): ReadonlySet<string> => {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string' || typeof v === 'number') out.add(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(request.body);
  walk(request.query);
  for (const part of `${request.path ?? ''} ${request.url ?? ''}`.split(/[/?&=\s]+/)) if (part !== '') out.add(decodeURIComponent(part));
  return out;
};

/** Every violation of L-CLIENT-MESSAGE for one request (empty when it holds). */
export const clientMessageViolations = (json: SnapshotJson, request: HttpRequestJson): ReadonlyArray<string> => {
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = decideHttp(s, request);
  if (d.decision !== 'deny' || d.status !== 403 || d.actor === null) return [];
  const actor = s.users.get(d.actor.id);
  if (actor === undefined) return ['the actor is unknown'];
  const answer = clientAnswer(d);
  const message = d.error.error.message.value;
  const known = carried(request);
  const names = new Set([actor.userName, ...(d.subject === null ? [] : [d.subject.userName]), ...known]);
  // the system tenant 1 is known to everyone (R-SNAP-3)
  const tenants = new Set(['1', String(actor.tenantId), ...actor.tenantsAdministered.map(String), ...known]);
  const problems: string[] = [];
  for (const [, name] of message.matchAll(/`([^`]*)`/g)) {
    if (name === undefined || names.has(name) || !s.userIdsByName.has(name)) continue;
    problems.push(`names user \`${name}\`, which the caller did not name`);
  }
  for (const [, id] of message.matchAll(/tenants? `?(\d+)`?/g)) if (id !== undefined && !tenants.has(id)) problems.push(`names tenant ${id}, which the caller neither belongs to, administers nor named`);
  if (JSON.stringify(answer).includes('"trace"') || JSON.stringify(answer).includes('"reason"')) problems.push('the client answer carries the trace or the reason');
  return problems.map((p) => `${showRequest(request)} -> 403 "${message}": ${p}`);
};
