/**
 * Imported first by scripts/cards-preview.ts: the test bot's dependencies touch
 * process.binding('http_parser') (DEP0111, harmless here; `npm start` passes
 * --disable-warning=DEP0111 for the same reason). Drops only that warning.
 */
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
process.emitWarning = ((warning: unknown, ...rest: unknown[]) => {
  const code = rest.find((r): r is string => typeof r === 'string' && /^DEP\d+$/.test(r)) ?? (rest[0] as { code?: string } | undefined)?.code;
  if (code === 'DEP0111') return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
