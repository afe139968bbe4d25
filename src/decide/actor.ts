/** Resolving the actor of a request (R-REQ-2) and its status (R-EFF-3), as trace steps. */
import * as E from 'fp-ts/lib/Either.js';
import type { ActorRef } from '../codec/request.js';
import { userByName, type Snapshot, type User } from '../model/snapshot.js';
import { userFact } from '../rules/userPermissions.js';
import { step, type Step } from '../model/trace.js';

/** How a request stops early: the status, the message and the step that failed. */
export interface Stop {
  /** The actor when it is known (an inactive or locked one), else null. */
  readonly user: User | null;
  readonly status: number;
  readonly message: string;
  readonly step: Step;
}

const noSteps: ReadonlyArray<Step> = [];

/** Describes an actor reference for messages. */
export const showActor = (actor: ActorRef): string => (typeof actor === 'string' ? `\`${actor}\`` : `user id ${actor.id}`);

/** R-REQ-2 and R-EFF-3: the actor must be known (else 401) and active and unlocked (else 401). */
export const resolveActor = (snapshot: Snapshot, actor: ActorRef, traced: boolean): E.Either<Stop, { readonly user: User; readonly steps: ReadonlyArray<Step> }> => {
  const user = typeof actor === 'string' ? userByName(snapshot, actor) : snapshot.users.get(actor.id);
  if (user === undefined) {
    const message = `unknown actor ${showActor(actor)}`;
    return E.left({
      user: null,
      status: 401,
      message,
      step: step('R-REQ-2', 'actor is known', 'fail', message, [{ _tag: 'UnknownUser', user: typeof actor === 'string' ? actor : String(actor.id) }]),
    });
  }
  // Stryker disable next-line ConditionalExpression: equivalent, the fast path's shortcut; without it the traced evaluation gives the same verdict (L-ONE-DEFINITION)
  if (user.active && !traced) return E.right({ user, steps: noSteps });
  const known = step('R-REQ-2', 'actor is known', 'pass', `actor \`${user.userName}\` is user ${user.id}`, [userFact(user)]);
  if (!user.active) {
    const message = `user \`${user.userName}\` is ${user.accountLocked ? 'locked' : 'inactive'}`;
    return E.left({ user, status: 401, message, step: step('R-EFF-3', 'actor is active', 'fail', `${message}: every request is refused`, [userFact(user)]) });
  }
  return E.right({ user, steps: [known, step('R-EFF-3', 'actor is active', 'pass', `\`${user.userName}\` is active and unlocked`, [userFact(user)])] });
};
