/**
 * OAuth scope is never borrowed (R-OAA-1, R-ADM-3; SPEC Changes 2026-12-01): an allowed
 * on-behalf-of request on OAuth apps only touches apps of tenants in the actor's own scope and in
 * the subject's reach, judged on the snapshot JSON with the naive reference.
 */
import * as t from 'io-ts';
import { OAuthAppCreateBodyCodec } from '../../src/codec/payloads.js';
import type { SnapshotJson, UserJson } from '../../src/codec/snapshot.js';
import type { Decision } from '../../src/decide/decision.js';
import { userById, type GeneratedRequest } from '../arbitraries/requests.js';
import { naiveOAuthScope } from '../reference/naive.js';
import { decoded, http, showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

/** The OAuth application operations. */
export const oauthAppOperations: ReadonlyArray<string> = ['ListOAuthApps', 'CreateOAuthApp', 'GetOAuthApp', 'UpdateOAuthApp', 'DeleteOAuthApp'];

const OAuthAppListCodec = t.type({ oauthApps: t.array(t.type({ id: t.number, tenantId: t.number })) });

/** The tenants of the apps an allowed OAuth-app request touches: the path's app, the listed apps, or the created app's tenant. */
const appTenantsOf = (json: SnapshotJson, g: GeneratedRequest, d: Decision, subject: UserJson): ReadonlyArray<number> => {
  switch (g.row.name) {
    case 'ListOAuthApps':
      return (decoded(OAuthAppListCodec, d.response)?.oauthApps ?? []).map((a) => a.tenantId);
    case 'CreateOAuthApp':
      return [decoded(OAuthAppCreateBodyCodec, g.request.body)?.tenantId ?? subject.tenantId];
    default: {
      const app = (json.oauthApps ?? []).find((a) => a.id === g.pathIds['id']);
      return app === undefined ? [] : [app.tenantId];
    }
  }
};

/**
 * R-OAA-1, never borrowed: an allowed on-behalf-of request on OAuth apps touches only apps of
 * tenants in the actor's own scope (12 standing for every tenant) and in the subject's reach.
 */
export const oauthScopeViolations = (json: SnapshotJson, g: GeneratedRequest): ReadonlyArray<string> => {
  if (!oauthAppOperations.includes(g.row.name)) return [];
  const s = load(json);
  if (s === undefined) return ['the snapshot does not load'];
  const d = http(s, g.request);
  if (d.decision !== 'allow' || !d.onBehalfOf) return [];
  const actor = userById(json, g.actorId);
  const subject = userById(json, d.subject?.id ?? -1);
  if (actor === undefined || subject === undefined) return [`${showRequest(g.request)}: allowed without a known actor and subject`];
  return appTenantsOf(json, g, d, subject).flatMap((tenant) =>
    naiveOAuthScope(json, actor, tenant, true) && naiveOAuthScope(json, subject, tenant, false)
      ? []
      : [`${showRequest(g.request)}: ${showDecision(d)} touches an app of tenant ${tenant}, outside the actor's own scope or the subject's reach`],
  );
};

/** Whether a generated request is an allowed on-behalf-of OAuth-app request (non-vacuity). */
export const oauthOnBehalfAllowed = (json: SnapshotJson, g: GeneratedRequest): boolean => {
  const s = load(json);
  if (s === undefined || !oauthAppOperations.includes(g.row.name)) return false;
  const d = http(s, g.request);
  return d.decision === 'allow' && d.onBehalfOf;
};
