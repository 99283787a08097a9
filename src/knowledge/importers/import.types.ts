/**
 * What every import reader yields: a raw entry body (validated later, in one place) or the
 * issues that kept a row from becoming one, each with the location a person can open.
 */

/** Where a row came from: `file:line` for text formats, `file#sheet:row` for spreadsheets. */
export interface ImportLocation {
  file: string;
  line?: number;
  sheet?: string;
  row?: number;
}

export interface ImportIssue {
  location: ImportLocation;
  /** field path in entry terms (`materials[2].name`), empty when the whole row is at fault */
  field: string;
  message: string;
}

/** Options a reader needs from the command line. */
export interface ReaderOptions {
  /** kind for rows that carry none (JSONL) or for tables whose kind cannot be guessed */
  kind?: 'item' | 'policy' | 'law' | 'faq';
  /** entry id for a single DOCX/PDF file */
  id?: string;
}

/**
 * One row read from a file. A row with `issues` is invalid; a row with a `body` is validated
 * against the entry contract; a row with neither was skipped on purpose (see `warnings`).
 */
export interface ReadResult {
  location: ImportLocation;
  body?: Record<string, unknown>;
  /** problems that make the row invalid (found while reading or mapping it) */
  issues?: ImportIssue[];
  /** notes that do not stop the import (a duplicate file, a missing title line) */
  warnings?: ImportIssue[];
  /** a more precise location for an issue under a path prefix (a material's own row) */
  locate?: (path: readonly PropertyKey[]) => ImportLocation | undefined;
}

export function formatLocation(loc: ImportLocation): string {
  if (loc.sheet !== undefined) return `${loc.file}#${loc.sheet}${loc.row !== undefined ? `:${loc.row}` : ''}`;
  return loc.line !== undefined ? `${loc.file}:${loc.line}` : loc.file;
}

/** `materials.2.name` → `materials[2].name` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function formatIssue(issue: ImportIssue): string {
  return `${formatLocation(issue.location)}${issue.field ? ` ${issue.field}` : ''}: ${issue.message}`;
}
