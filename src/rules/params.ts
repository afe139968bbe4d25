/** Path parameters of a routed request, as the rules read them (R-REQ-1 parses them). */

/** The integer id path parameter `name` of a routed request, if it has one. */
export const idParam = (params: Readonly<Record<string, number | string>>, name: string): number | undefined => {
  const v = params[name];
  return typeof v === 'number' ? v : undefined;
};
