import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';
// IndexedDB for storage and component tests (Node has none).
import 'fake-indexeddb/auto';

// Screens load lazily and CI has two cores: give findBy* more than the default second.
configure({ asyncUtilTimeout: 4000 });
