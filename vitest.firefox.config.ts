import { defineConfig } from 'vitest/config';

// Real-Firefox tests against the built dist-firefox/: one browser at a time, as for Chromium.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    // A guard against a hung browser, not a performance limit: no test asserts on time.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // How long expect.poll waits for the page to catch up with an action before it fails.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
