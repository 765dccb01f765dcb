import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium with the built extension (tests/e2e/browser.ts). Run through `npm test`,
// which builds first and says loudly when no Chromium is installed.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: one browser at a time.
    fileParallelism: false,
    // The Firefox harness speaks WebDriver BiDi over a WebSocket, global from Node 22 and behind a flag in 20.
    execArgv: typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : [],
  },
});
