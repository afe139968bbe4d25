/** Goldens of the on-behalf-of gate's step (R-OBO-2) and of a choice with no options (R-TRC-4). */
import { describe, expect, it } from 'vitest';
import { describeMissing } from '../../src/rules/missing.js';
import { explainGate } from '../../src/rules/onBehalfOf.js';
import { user, world } from './world.js';

describe('the on-behalf-of gate (R-OBO-2)', () => {
  it('R-OBO-2 a failing gate names both users as facts and lists its four parts', () => {
    const { step } = explainGate(world, user('Bob'), user('Carol'));
    expect(step === null ? null : { ...step, children: step.children.map((s) => `${s.check} ${s.outcome}`) }).toEqual({
      rule: 'R-OBO-2',
      check: 'on-behalf-of gate',
      outcome: 'fail',
      why: '`Bob` may not act for `Carol`: 3 parts of the gate fail',
      facts: [
        { _tag: 'User', userId: 22, userName: 'Bob', tenantId: 56, status: 1, accountLocked: false },
        { _tag: 'User', userId: 23, userName: 'Carol', tenantId: 57, status: 1, accountLocked: false },
      ],
      children: [
        "(a) subject in the actor's tenant fail",
        "(b) ACC(57): administrative access on the subject's tenant fail",
        '(c) P(21): OnBehalfOf fail',
        '(d) P(11): MgmtAPI pass',
      ],
    });
  });
});

describe('a choice with no options (R-TRC-4)', () => {
  it('R-TRC-4 "one of" nothing names nothing', () => {
    expect(describeMissing(world, { _tag: 'OneOf', options: [] }, 'auditor')).toBe('one of ');
  });
});
