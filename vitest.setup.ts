import fc from 'fast-check';

// Properties are reproducible by default: a fixed seed and at least 1,000 runs per law.
// FC_SEED and FC_NUM_RUNS override them (e.g. FC_SEED=$RANDOM to explore).
const seed = process.env['FC_SEED'];
const numRuns = process.env['FC_NUM_RUNS'];
fc.configureGlobal({
  seed: seed !== undefined ? Number(seed) : 42,
  numRuns: numRuns !== undefined ? Number(numRuns) : 1000,
});
