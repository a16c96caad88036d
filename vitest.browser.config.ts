import { defineConfig } from 'vitest/config';

// Real-browser tests: one Chromium at a time (the machines have two cores), against the built dist/.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    // A guard against a hung browser, not a performance limit: no test asserts on time.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // How long expect.poll waits for the page to catch up with an action before it fails.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
