/**
 * The IndexedDB database. Only src/db touches it; everything else goes through Store, which validates
 * what comes back (schema.ts).
 */
import { Dexie, type Table } from 'dexie';
import { TARGET_ATTRIBUTES, type Doc, type Project, type Span } from '../core/index.ts';
import type { AnnotatorRecord, CommentRecord, DecisionRecord, RelationRecord, TokenCacheRecord } from './schema.ts';

/**
 * Version 1. Dexie notation: the primary key first, then the indexes (`[a+b]` is a compound index).
 * Only fields that are queried are indexed; a record stores every field of its type regardless.
 *  - documents.[projectId+textHash] finds a text already in a project (duplicate imports);
 *  - spans.docId and relations.docId load or count one document's annotations without a scan;
 *  - tokens is keyed by docId: one cache entry per document, replaced when its text hash changes.
 */
const SCHEMA_V1 = {
  projects: 'id',
  documents: 'id, projectId, textHash, [projectId+textHash]',
  spans: 'id, docId',
  relations: 'id, docId',
  annotators: 'id',
  tokens: 'docId',
} as const;

/**
 * Version 2 indexes the hash of a document's text before cleaning (an optional field, so old records
 * need no rewrite): a file imported again after its first copy was cleaned is still a duplicate.
 */
const SCHEMA_V2 = {
  documents: 'id, projectId, textHash, [projectId+textHash], [projectId+sourceHash]',
} as const;

/**
 * Version 3 adds comments on spans and the reviewer's decisions (both found by document), and indexes
 * relations by their ends (deleting a span checks that no relation still points at it). Spans may now
 * carry a corrected metric `value`, `attributes`, and their `layer`, `by` and `at`; relations a `source`
 * and the same three; projects `relationTypes`; labels `attributes` (all optional: old records stay valid).
 * Its upgrade gives the TARGET label of existing projects the default attributes (deadline, kind), which
 * projects made from now on get from DEFAULT_LABELS; a TARGET that already declares some is left alone.
 */
const SCHEMA_V3 = { comments: 'id, docId', decisions: 'id, docId', relations: 'id, docId, fromId, toId' } as const;

function addTargetAttributes(project: { labels?: { id: string; attributes?: unknown }[] }): void {
  for (const label of project.labels ?? []) {
    if (label.id === 'TARGET' && label.attributes === undefined) label.attributes = structuredClone(TARGET_ATTRIBUTES);
  }
}

export class ZhengbiaoDB extends Dexie {
  // `declare`, not a field: a class field would be initialised after Dexie's constructor and could
  // shadow the table properties Dexie defines.
  declare projects: Table<Project, string>;
  declare documents: Table<Doc, string>;
  declare spans: Table<Span, string>;
  declare relations: Table<RelationRecord, string>;
  declare annotators: Table<AnnotatorRecord, string>;
  declare tokens: Table<TokenCacheRecord, string>;
  declare comments: Table<CommentRecord, string>;
  declare decisions: Table<DecisionRecord, string>;

  constructor(name: string) {
    // Relaxed durability: a transaction counts as done once its data is handed to the operating system,
    // not once the disk has flushed it. An edit survives a reload and a browser crash either way (only
    // a power cut in the same instant could lose it), and strict flushing made one edit in twenty wait
    // tens of milliseconds.
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade((tx) => tx.table('projects').toCollection().modify(addTargetAttributes));
    // How to migrate: never edit a released version; add the next one below, listing only the tables
    // whose keys or indexes change (`null` deletes a table), and rewrite old records in `upgrade`, e.g.
    //   this.version(2).stores({ spans: 'id, docId, label' })
    //     .upgrade((tx) => tx.table('spans').toCollection().modify((s) => { ... }));
    // Update the schemas in schema.ts in the same change, since every read is validated against them.
    // A tab still running the old code is closed by Dexie when the new version opens (versionchange).
  }
}

export function openDatabase(name = 'zhengbiao'): ZhengbiaoDB {
  return new ZhengbiaoDB(name);
}
