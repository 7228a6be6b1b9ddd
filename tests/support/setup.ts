import '@testing-library/jest-dom/vitest';
// IndexedDB for storage and component tests (Node has none).
import 'fake-indexeddb/auto';
