/**
 * The recipient filter of a data source's shares: a 32-bit word with bit `id & 31` set for each
 * recipient (a user share in force by user id, a tenant share by tenant id). A clear bit proves
 * that a recipient has no such share; a set bit means "look it up". Used by the share routes of
 * SPEC §3 so that most misses cost no map lookup.
 */

/** The filter bit of a recipient id. */
export const recipientBit = (id: number): number => 1 << (id & 31);

/** Whether the filter may hold `id` (false proves it does not). */
export const mayHold = (filter: number, id: number): boolean => (filter & recipientBit(id)) !== 0;
