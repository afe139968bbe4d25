import { defineConfig } from 'vitest/config';

// Mutation testing (`npm run mutate`) runs the rules' specs and laws, not the shells' end-to-end
// tests (the browser, the server on a real database, the packed tarball): those start processes
// and browsers per mutant and test the shells, which are outside the mutated scope.
export default defineConfig({
  test: {
    include: ['spec/**/*.spec.ts', 'properties/**/*.prop.ts'],
    exclude: ['spec/browser/**', 'spec/server/**', 'spec/package/**', 'spec/embed/middleware*', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 120_000,
  },
});
