import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: happy-dom, fake-indexeddb and WXT's fake browser (see tests/setup.ts).
export default defineConfig({
  // The WxtVitest plugin does not bring wxt.config.ts's Vite plugins: Preact's JSX is added here.
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    globals: true,
    setupFiles: ['tests/setup.ts'],
    include: [
      'lint/**/*.test.ts',
      'utils/**/*.test.{ts,tsx}',
      'components/**/*.test.{ts,tsx}',
      'entrypoints/**/*.test.{ts,tsx}',
      'hooks/**/*.test.{ts,tsx}',
    ],
  },
});
