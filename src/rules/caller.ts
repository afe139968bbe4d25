/**
 * Who is asking (R-OBO-1): a direct caller acts as itself; an on-behalf-of caller acts for a
 * subject named by `?user=`. The question "a direct Administrator?" is one helper here.
 */
import type { User } from '../model/snapshot.js';

/** The caller of a request: `Direct` (the actor is the subject) or `OnBehalfOf` (R-OBO-1). */
export type Caller =
  | { readonly _tag: 'Direct'; readonly actor: User }
  | { readonly _tag: 'OnBehalfOf'; readonly actor: User; readonly subject: User };

/** A direct caller. */
export const direct = (actor: User): Caller => ({ _tag: 'Direct', actor });

/** A caller acting for `subject`. */
export const onBehalfOf = (actor: User, subject: User): Caller => ({ _tag: 'OnBehalfOf', actor, subject });

/** The user a request is about: the `?user=` target under on-behalf-of, else the actor. */
export const subjectOf = (caller: Caller): User => (caller._tag === 'Direct' ? caller.actor : caller.subject);

/** Whether the request is on behalf of another user. */
export const isOnBehalfOf = (caller: Caller): boolean => caller._tag === 'OnBehalfOf';

/** R-ADM-1, R-REQ-3: a direct request by an actor holding Administrator (12) — the one that manages by authority. */
export const isDirectAdministrator = (caller: Caller): boolean => caller._tag === 'Direct' && caller.actor.isAdministrator;
