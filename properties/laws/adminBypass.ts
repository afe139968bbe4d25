/**
 * L-ADMIN-BYPASS (R-ADM-1), for HTTP requests and for query channels (R-USE-1, strengthened by
 * SPEC Changes 2026-12-01): giving an active actor Administrator (12) never turns an allowed HTTP
 * request into a denial, and changes no query decision at all.
 */
import type { UseRequest } from '../../src/codec/request.js';
import type { SnapshotJson } from '../../src/codec/snapshot.js';
import { isActiveUser, userById, withExplicitPermissions, type GeneratedRequest } from '../arbitraries/requests.js';
import { ADMINISTRATOR } from '../arbitraries/snapshot.js';
import { http, showDecision, showRequest, use } from './requestSupport.js';
import { load } from './support.js';

/** L-ADMIN-BYPASS: giving an active actor Administrator (12) explicitly never turns an allowed request into a denial (nor changes its status). */
export const adminBypassViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  const actor = userById(json, g.actorId);
  const s = load(json);
  if (s === undefined || actor === undefined) return ['the snapshot does not load'];
  if (!isActiveUser(actor)) return []; // the law is about active actors (R-EFF-3 refuses the others)
  const before = http(s, g.request);
  if (before.decision !== 'allow') return [];
  const elevated = load(withExplicitPermissions(json, g.actorId, [ADMINISTRATOR]));
  if (elevated === undefined) return ['the snapshot with 12 added does not load'];
  const after = http(elevated, g.request);
  return after.decision === 'allow' && after.status === before.status
    ? []
    : [`${showRequest(g.request)}: ${showDecision(before)} without 12, ${showDecision(after)} with 12`];
};

/**
 * L-ADMIN-BYPASS for query channels, strengthened by SPEC Changes 2026-12-01 (R-USE-1, R-ADM-1:
 * 12 opens no query channel): giving an active actor 12 changes no query decision at all —
 * neither an allowed one (the law of SPEC §9) nor a denied one (the new half), and not its status.
 */
export const adminBypassUseViolations = (json: SnapshotJson, actorId: number, query: UseRequest): ReadonlyArray<string> => {
  const actor = userById(json, actorId);
  const s = load(json);
  if (s === undefined || actor === undefined) return ['the snapshot does not load'];
  if (!isActiveUser(actor)) return [];
  const before = use(s, query);
  const elevated = load(withExplicitPermissions(json, actorId, [ADMINISTRATOR]));
  if (elevated === undefined) return ['the snapshot with 12 added does not load'];
  const after = use(elevated, query);
  return after.decision === before.decision && after.status === before.status
    ? []
    : [`query ${JSON.stringify(query)}: ${showDecision(before)} without 12, ${showDecision(after)} with 12`];
};
