/**
 * What the stages of the decision procedure pass along (SPEC §4): one request context, grown
 * stage by stage, and the denial any stage may end with. `Resolved` is the view the answer
 * stage (R-RES-1) reads.
 */
import type { Payload } from '../codec/payloads.js';
import type { PayloadContext } from '../rules/payloadContext.js';
import type { DataSource, OAuthApp, OAuthProfile, Role, Snapshot, Tenant, User } from '../model/snapshot.js';
import type { Step } from '../model/trace.js';
import type { OperationSpec } from '../operations/operations.js';
import type { EffectiveAccess } from '../rules/access.js';
import type { Caller } from '../rules/caller.js';
import type { DecisionOperation, DenyStatus, ErrorEnvelope } from './decision.js';

/** Path parameters: integer ids as numbers, `{schema}` and `{table}` as strings. */
export type Params = Readonly<Record<string, number | string>>;

/** A denial as the answer stage gives it: the status and the envelope (its message serves client and auditor). */
export interface Denial {
  readonly status: DenyStatus;
  readonly error: ErrorEnvelope;
}

/** The request after routing (R-REQ-1). `trace` is null on the fast path. */
export interface Routed {
  readonly snapshot: Snapshot;
  readonly spec: OperationSpec;
  readonly params: Params;
  /** The `?user=` value, if any (R-OBO-1). */
  readonly named: string | undefined;
  readonly body: unknown;
  readonly trace: Step[] | null;
}

/** The request once the caller is known (R-REQ-2, R-EFF-3, R-OBO-1, R-OBO-2). */
export interface Called extends Routed {
  readonly caller: Caller;
}

/** The entity a path targets, found and visible (R-REQ-3); a catalog id may be absent (the whole catalog). */
export type Target =
  | { readonly _tag: 'None' }
  | { readonly _tag: 'DataSource'; readonly dataSource: DataSource }
  | { readonly _tag: 'User'; readonly user: User }
  | { readonly _tag: 'Role'; readonly role: Role }
  | { readonly _tag: 'Tenant'; readonly tenant: Tenant }
  | { readonly _tag: 'OAuthApp'; readonly app: OAuthApp }
  | { readonly _tag: 'OAuthProfile'; readonly profile: OAuthProfile }
  | { readonly _tag: 'Permission'; readonly id: number | undefined };

/** The request once every id in its path exists and is visible (R-REQ-3). */
export interface Located extends Called {
  /** The targeted entity itself. */
  readonly target: Target;
  /** The integer id naming the target user, role or tenant, if any. */
  readonly targetId: number | undefined;
  readonly dataSource: DataSource | undefined;
  /** The subject's SPEC §3 access to the target data source (never widened by authority, R-ADM-1). */
  readonly access: EffectiveAccess | undefined;
}

/** The request with its decoded body (R-REQ-5), and what the body rules read besides it. */
export interface Decoded extends Located {
  readonly payload: Payload;
  readonly payloadContext: PayloadContext;
}

/** What the answer stage reads (R-RES-1). */
export interface Resolved {
  readonly snapshot: Snapshot;
  readonly spec: OperationSpec;
  readonly params: Params;
  readonly actor: User;
  readonly subject: User;
  readonly onBehalfOf: boolean;
  readonly target: Target;
  readonly payload: Payload;
}

/** How a stage ends a request: the status, the client's envelope, the auditor's reason, and what it was about. */
export interface Refusal extends Denial {
  readonly reason: string;
  readonly operation: DecisionOperation;
  readonly actor: User | null;
  readonly subject: User | null;
  readonly onBehalfOf: boolean;
}
