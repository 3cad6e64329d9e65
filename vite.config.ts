/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Modules that the first screen does not use but that are reachable from it through the barrel
 * src/core/index.ts (`export *`): the dashboard's agreement figures, the review's adjudication and
 * what only the dataset formats use. They stay in the chunks loaded on demand.
 */
const NOT_AT_START = /src[\\/]core[\\/](progress|agreement|agreement-measures|adjudication|nesting|split|tagging)\.ts$/;

/**
 * Warns when the first-load chunk imports another chunk statically (other than Rolldown's runtime):
 * a module the first screen needs was left out of it, e.g. by NOT_AT_START.
 */
function firstLoadCheck(): Plugin {
  return {
    name: 'zhengbiao:first-load-check',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const others = chunk.imports.filter((f) => !/rolldown-runtime/.test(f));
        if (others.length > 0) this.warn(`${chunk.fileName} loads ${others.join(', ')} at start: check NOT_AT_START in vite.config.ts`);
      }
    },
  };
}

export default defineConfig({
  plugins: [svelte(), firstLoadCheck()],
  // Relative asset URLs: the static build works from any folder or sub-path.
  base: './',
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Everything the first screen needs in one file (one request, one gzip stream); the dialogs,
        // formats, decoders, review and dashboard are fetched by dynamic import() when first used.
        // Without this, Rolldown splits the modules shared by the page and those lazy chunks into
        // several small chunks, all loaded at start.
        codeSplitting: {
          groups: [{ name: 'index', tags: ['$initial'], test: (id) => !NOT_AT_START.test(id), includeDependenciesRecursively: false }],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        // Component tests (tests/ui, tests/state) declare `// @vitest-environment jsdom` themselves.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          setupFiles: ['tests/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: CI has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
