/** The only module that touches IndexedDB: the database, the store over it and cross-tab notifications. */
export { ZhengbiaoDB, openDatabase } from './database.ts';
export { Store } from './store.ts';
export { DEFAULT_PROJECT_NAME, type DeletedDocument, type DocSummary, type ProjectPatch } from './corpus.ts';
export type { ImportItem } from './imports.ts';
export type { PackageImport } from './packages.ts';
export type { NewComment } from './comments.ts';
export { announce, listen, createBus, tabBus, CHANNEL_NAME, type Bus, type StoreEvent } from './broadcast.ts';
export {
  AnnotatorRecord,
  LabelRecord,
  DocumentRecord,
  ProjectRecord,
  RecordError,
  RelationRecord,
  SpanRecord,
  TokenCacheRecord,
  type TableName,
} from './schema.ts';
