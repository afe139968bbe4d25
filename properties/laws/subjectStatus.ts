/**
 * The subject's status is ignored (R-OBO-1, R-EFF-3: "the target's status does not block the
 * admin"), over generated on-behalf-of scenarios.
 */
import { withUserStatus, type InactiveStatus } from '../arbitraries/edits.js';
import type { OboScenario } from '../arbitraries/requests.js';
import { http, showDecision, showRequest } from './requestSupport.js';
import { load } from './support.js';

/**
 * R-OBO-1 and R-EFF-3 ("the target's status does not block the admin"): making the subject of an
 * on-behalf-of request inactive or locked changes neither its allow/deny nor its status.
 */
export const subjectStatusIgnoredViolations = (sc: OboScenario, status: InactiveStatus): ReadonlyArray<string> => {
  const s = load(sc.json);
  const refused = load(withUserStatus(sc.json, sc.subjectId, status));
  if (s === undefined || refused === undefined) return ['the snapshot does not load'];
  const before = http(s, sc.generated.request);
  if (!before.onBehalfOf || before.subject?.id !== sc.subjectId) return [];
  const after = http(refused, sc.generated.request);
  return after.decision === before.decision && after.status === before.status
    ? []
    : [`${showRequest(sc.generated.request)}: ${showDecision(before)} with the subject active, ${showDecision(after)} with it ${JSON.stringify(status)}`];
};
