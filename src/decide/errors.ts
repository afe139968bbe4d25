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

/**
 * The gateway's not-found envelope for a user id (R-ERR-1); an unknown `?user=` name gets the
 * same code and a message in the same style (D-REQ-15).
 */
export const userNotFound = (user: number | string): ErrorEnvelope =>
  errorEnvelope(notFoundCode.user, typeof user === 'number' ? `There is no User with that id: ${user}.` : `There is no User with that name: ${user}.`);

/** The gateway's not-found envelope for a role id (the gateway's text has no final period). */
export const roleNotFound = (id: number): ErrorEnvelope => errorEnvelope(notFoundCode.role, `There is no Role with that id: ${id}`);

/** The gateway's not-found envelope for a tenant id. */
export const tenantNotFound = (id: number): ErrorEnvelope => errorEnvelope(notFoundCode.tenant, `There is no Tenant with that id: ${id}.`);

/** The engine's envelope for a status with a message. */
export const engineError = (status: number, message: string): ErrorEnvelope => errorEnvelope(engineCode(status), message);
