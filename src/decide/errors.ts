/**
 * Error codes and messages of denials (R-ERR-1). Not-found ids use the gateway's own codes;
 * the other codes are the engine's: 2222 followed by `00` and the HTTP status.
 */
import { errorEnvelope, type ErrorEnvelope } from './decision.js';

/** The gateway's not-found codes (R-ERR-1). */
export const notFoundCode = {
  dataSource: 222207004,
  user: 222207916,
  role: 222207924,
  tenant: 222208573,
} as const;

/** The engine's own code for a status: 222200400, 222200401, 222200403, 222200404. */
export const engineCode = (status: number): number => 222200000 + status;

/** The gateway's not-found envelope for a data source id (R-ERR-1). */
export const dataSourceNotFound = (id: number): ErrorEnvelope => errorEnvelope(notFoundCode.dataSource, `There is no DataSource with that id: ${id}.`);

/** The gateway's not-found envelope for a user id or name. */
export const userNotFound = (user: number | string): ErrorEnvelope => errorEnvelope(notFoundCode.user, `There is no user with that ${typeof user === 'number' ? 'id' : 'name'}: ${user}.`);

/** The gateway's not-found envelope for a role id. */
export const roleNotFound = (id: number): ErrorEnvelope => errorEnvelope(notFoundCode.role, `There is no role with that id: ${id}.`);

/** The gateway's not-found envelope for a tenant id. */
export const tenantNotFound = (id: number): ErrorEnvelope => errorEnvelope(notFoundCode.tenant, `There is no tenant with that id: ${id}.`);

/** The engine's envelope for a status with a message. */
export const engineError = (status: number, message: string): ErrorEnvelope => errorEnvelope(engineCode(status), message);
