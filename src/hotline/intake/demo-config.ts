/** The demo taxonomy and 派单目录 of `npm start` (data/demo/hotline-*.csv), loaded into empty tables. */
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../auth/actor.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import type { IntakeServices } from './intake.module.js';

const DEMO = systemActor('demo-data');

/** Loads what is missing; departments must exist already (the 派单目录 names them by code). */
export async function loadHotlineDemoIfEmpty(intake: IntakeServices, demoDir: string): Promise<{ categories: number; rules: number; skipped?: string }> {
  const out: { categories: number; rules: number; skipped?: string } = { categories: 0, rules: 0 };
  const taxonomy = path.join(demoDir, 'hotline-taxonomy.csv');
  if (fs.existsSync(taxonomy) && (await intake.repository.countCategories()) === 0) {
    out.categories = (await intake.config.importTaxonomy(DEMO, fs.readFileSync(taxonomy, 'utf8'))).added;
  }
  const dispatch = path.join(demoDir, 'hotline-dispatch.csv');
  if (fs.existsSync(dispatch) && (await intake.repository.countRules()) === 0) {
    try {
      out.rules = (await intake.config.importRules(DEMO, fs.readFileSync(dispatch, 'utf8'))).created;
    } catch (err) {
      // a database whose departments are not the demo ones: the 派单目录 is theirs to configure
      if (!(err instanceof AppError && err.code === ErrorCode.ImportFailed)) throw err;
      out.skipped = `demo dispatch catalogue not loaded: ${err.message}`;
    }
  }
  return out;
}
