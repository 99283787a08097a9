/**
 * Knowledge-base rules: every change makes a new version, re-imports of unchanged content
 * make none, and readers see the version in force on a date.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { renderEntry } from './entry-text.js';
import type { EntryBody, EntryStatus, EntryVersion, Passage } from './knowledge.schema.js';
import { KnowledgeRepository, type VersionRow } from './knowledge.repository.js';
import { todayInShanghai, versionInForce } from './validity.js';

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** ids whose content changed (new entries included) */
  changedIds: string[];
}

/** Canonical JSON: sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

export function contentHash(body: EntryBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function serviceObjectsOf(body: EntryBody): string[] {
  return body.kind === 'item' ? body.serviceObjects : [];
}

/**
 * The body as stored: a policy's or law's full text lives once, in the `text` column (it is
 * the canonical text), not again inside the JSON body; presentVersion puts it back.
 */
function storedBody(body: EntryBody): Record<string, unknown> {
  if (body.kind === 'policy' || body.kind === 'law') {
    const { text: _text, ...rest } = body;
    return rest;
  }
  return body;
}

export function toVersionRow(body: EntryBody, version: number, now: string, note?: string): VersionRow {
  const r = renderEntry(body);
  return {
    entry_id: body.id,
    version,
    kind: body.kind,
    title: r.title,
    status: body.status,
    valid_from: body.validFrom ?? null,
    valid_to: body.validTo ?? null,
    region: body.region ?? null,
    department: body.department ?? (body.kind === 'item' ? (body.agency ?? null) : body.kind === 'policy' || body.kind === 'law' ? (body.issuer ?? null) : null),
    service_objects: JSON.stringify(serviceObjectsOf(body)),
    doc_number: body.kind === 'policy' || body.kind === 'law' ? (body.docNumber ?? null) : null,
    content_hash: contentHash(body),
    body: JSON.stringify(storedBody(body)),
    text: r.text,
    passages: JSON.stringify(r.passages),
    created_at: now,
    change_note: note ?? null,
  };
}

function restoreBody(row: VersionRow): Record<string, unknown> {
  const body = JSON.parse(row.body) as Record<string, unknown>;
  return row.kind === 'policy' || row.kind === 'law' ? { ...body, text: row.text } : body;
}

export function presentVersion(row: VersionRow, latestVersion: number, inForce: boolean): EntryVersion {
  return {
    id: row.entry_id,
    version: row.version,
    kind: row.kind as EntryVersion['kind'],
    title: row.title,
    status: row.status as EntryVersion['status'],
    validFrom: row.valid_from,
    validTo: row.valid_to,
    region: row.region,
    department: row.department,
    serviceObjects: JSON.parse(row.service_objects) as string[],
    docNumber: row.doc_number,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    text: row.text,
    passages: JSON.parse(row.passages) as Passage[],
    body: restoreBody(row),
    inForce,
    latestVersion,
  };
}

export class KnowledgeService {
  private readonly repo: KnowledgeRepository;

  constructor(private readonly db: Kysely<DB>) {
    this.repo = new KnowledgeRepository(db);
  }

  get repository(): KnowledgeRepository {
    return this.repo;
  }

  /**
   * Writes the entries in one transaction: new ids get version 1, changed content gets the
   * next version, identical content is left alone. Several bodies with one id in a batch are
   * successive versions, in the order given.
   */
  async upsert(
    bodies: EntryBody[],
    opts: {
      note?: string;
      now?: Date;
      /** runs inside the write's transaction (e.g. the audit record), so both commit or neither */
      inTransaction?: (trx: Kysely<DB>, result: UpsertResult) => Promise<void>;
    } = {},
  ): Promise<UpsertResult> {
    const now = (opts.now ?? new Date()).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const existing = await repo.latestHashes([...new Set(bodies.map((b) => b.id))]);
      const rows: VersionRow[] = [];
      const isNew = new Set<string>();
      const changed = new Set<string>();
      let unchanged = 0;
      for (const body of bodies) {
        const prev = existing.get(body.id);
        const hash = contentHash(body);
        if (prev && prev.hash === hash) {
          unchanged++;
          continue;
        }
        if (prev && prev.kind !== body.kind) {
          throw new AppError(ErrorCode.Conflict, `条目 ${body.id} 已存在且类型为 ${prev.kind}，不能改为 ${body.kind}`, { id: body.id });
        }
        if (!prev) isNew.add(body.id);
        changed.add(body.id);
        const row = toVersionRow(body, (prev?.version ?? 0) + 1, now, opts.note);
        rows.push(row);
        existing.set(body.id, { version: row.version, hash, kind: body.kind });
      }
      await repo.insertVersions(rows, isNew, now);
      const result = { created: isNew.size, updated: changed.size - isNew.size, unchanged, changedIds: [...changed] };
      await opts.inTransaction?.(trx, result);
      return result;
    });
  }

  /** A version by number, or the one in force on `date` (default today, Asia/Shanghai). */
  async get(id: string, opts: { version?: number; date?: string } = {}): Promise<EntryVersion> {
    const metas = await this.repo.versionsMeta(id);
    if (metas.length === 0) throw new AppError(ErrorCode.NotFound, `未找到条目：${id}`, { id });
    const latest = metas[metas.length - 1]!.version;
    const validity = metas.map((m) => ({ version: m.version, status: m.status, validFrom: m.valid_from, validTo: m.valid_to }));
    const inForce = versionInForce(validity, opts.date ?? todayInShanghai());
    let version: number;
    if (opts.version !== undefined) {
      if (!metas.some((m) => m.version === opts.version)) {
        throw new AppError(ErrorCode.NotFound, `条目 ${id} 没有第 ${opts.version} 版`, { id, version: opts.version });
      }
      version = opts.version;
    } else {
      // nothing in force (draft only, retired, not yet valid): show the latest, marked as not in force
      version = inForce?.version ?? latest;
    }
    const row = await this.repo.getVersion(id, version);
    return presentVersion(row!, latest, inForce?.version === version);
  }

  async history(id: string) {
    const rows = await this.repo.history(id);
    if (rows.length === 0) throw new AppError(ErrorCode.NotFound, `未找到条目：${id}`, { id });
    return rows.map((r) => ({
      version: r.version,
      status: r.status as EntryStatus,
      title: r.title,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      contentHash: r.content_hash,
      createdAt: r.created_at,
      note: r.change_note,
    }));
  }

  async list(opts: { kind?: string; status?: string; limit?: number; offset?: number }) {
    const rows = await this.repo.list({ ...opts, limit: opts.limit ?? 50, offset: opts.offset ?? 0 });
    return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, status: r.status, version: r.latest_version, updatedAt: r.updated_at }));
  }

  async ping(): Promise<void> {
    await this.repo.ping();
  }

  async stats() {
    const rows = await this.repo.countByKindAndStatus();
    const byKind: Record<string, Record<string, number>> = {};
    let entries = 0;
    for (const r of rows) {
      (byKind[r.kind] ??= {})[r.status] = Number(r.n);
      entries += Number(r.n);
    }
    return { entries, versions: await this.repo.countVersions(), byKind, changeSeq: await this.repo.maxChangeSeq() };
  }
}
