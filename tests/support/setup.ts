import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';
// IndexedDB for storage and component tests (Node has none).
import 'fake-indexeddb/auto';

// Screens load lazily, and the first test of a file to open the case page transforms recharts, the
// chart data and the plan modules on the spot: on a loaded two-core machine that alone can take
// several seconds. A limit for waiting, not a timing assertion (tests themselves stop at 20 s).
configure({ asyncUtilTimeout: 12_000 });
