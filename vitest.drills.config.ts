import { defineConfig } from 'vitest/config';

// Fault drills (tests/drills): real-browser scenarios that count attempts, failures and lost
// edits. One Chromium at a time, as for tests/browser; DRILLS=short runs the small form.
export default defineConfig({
  test: {
    include: ['tests/drills/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    // A guard against a hung browser: the full worker-stop drill types a thousand edits.
    testTimeout: 1_800_000,
    hookTimeout: 180_000,
  },
});
