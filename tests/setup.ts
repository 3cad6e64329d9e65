// Shared test setup. fake-indexeddb must be installed before Dexie is first imported (Dexie reads
// the global indexedDB when it loads), so it goes here rather than in each test file.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
