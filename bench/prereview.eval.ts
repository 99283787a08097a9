/**
 * Pre-review evaluation on generated material (never part of npm test):
 *   npx tsx bench/prereview.eval.ts [--cases 30] [--tesseract]
 * 1. OCR character accuracy and seconds per image on rendered ID-card images, clean and as a
 *    simulated phone photo (turned 2.5°, blurred, JPEG quality 45) (PaddleOCR
 *    PP-OCRv4 via @gutenye/ocr-node; with --tesseract also Debian tesseract chi_sim if installed).
 * 2. Per rule type precision/recall: each case is a complete application with one planted
 *    defect (or none) — invalid ID number, expired card, name differing from the form,
 *    missing material, unreadable photo — run through the real pipeline (OCR, classification,
 *    fields, default rules). A rule type "detects" when one of its rules fails (unreadable:
 *    when the material rule is uncertain).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { classifyDocument } from '../src/prereview/extraction/classify.js';
import { extractFields } from '../src/prereview/extraction/fields.js';
import { PaddleOcrEngine } from '../src/prereview/extraction/ocr.js';
import { extractFileText } from '../src/prereview/extraction/text-extract.js';
import { defaultRules } from '../src/prereview/rules/default-rules.js';
import { runRules, type CheckedFile } from '../src/prereview/rules/rule-engine.js';
import { brokenIdNumber, formDocx, idCardLines, idCardPng, idNumber, noisePng, validity, type Person } from '../test/fixtures/prereview/generate.js';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--cases') + 1] ?? 0) || 30;
const withTesseract = args.includes('--tesseract');
const TODAY = '2026-11-28';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '晓燕', '子涵', '浩然', '雨桐'];
const ROADS = ['人民路', '幸福路', '建设大街', '解放路', '青年路', '长江路', '中山路', '和平街'];
const REGIONS = ['110101', '310104', '440106', '330106', '510107', '420102', '610113', '370202'];
let seed = 7;
const rnd = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const pick = <T>(a: T[]) => a[rnd(a.length)]!;

function person(): Person {
  const y = 1950 + rnd(55);
  const m = 1 + rnd(12);
  const d = 1 + rnd(28);
  const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  const sexDigit = rnd(10);
  return {
    name: pick(SURNAMES) + pick(GIVEN) + (rnd(2) ? pick(GIVEN).slice(0, 1) : ''),
    sex: sexDigit % 2 ? '男' : '女',
    birth,
    address: `云州市青禾区${pick(ROADS)}${1 + rnd(300)}号`,
    idNumber: idNumber(pick(REGIONS), birth, `${String(rnd(100)).padStart(2, '0')}${sexDigit}`),
    validity: validity(2016 + rnd(9), 20),
  };
}

function levenshtein(a: string[], b: string[]): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
const chars = (s: string) => [...s.normalize('NFKC').replace(/\s+/g, '')];
const accuracy = (truth: string, got: string) => Math.max(0, 1 - levenshtein(chars(truth), chars(got)) / chars(truth).length);

const ocr = new PaddleOcrEngine((e) => console.error('OCR unavailable:', e));
const tessAvailable = withTesseract && fs.existsSync('/usr/bin/tesseract');

async function ocrBench() {
  const rows: Array<{ engine: string; acc: number; sec: number }> = [];
  await ocr.recognize(await idCardPng(person())); // load the models outside the timing
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-ocr-eval-'));
  const n = Math.min(N, 20);
  for (let i = 0; i < n; i++) {
    const p = person();
    const clean = await idCardPng(p);
    // a phone photo: slightly turned, soft, compressed
    const photo = await sharp(clean).rotate(2.5, { background: '#d8d4c8' }).blur(1.1).jpeg({ quality: 45 }).toBuffer();
    const truth = idCardLines(p).join('');
    for (const [variant, img] of [['clean', clean], ['photo', photo]] as const) {
      let t = performance.now();
      const lines = (await ocr.recognize(img)) ?? [];
      rows.push({ engine: `paddle ${variant}`, acc: accuracy(truth, lines.map((l) => l.text).join('')), sec: (performance.now() - t) / 1000 });
      if (tessAvailable) {
        const file = path.join(dir, `${i}-${variant}.png`);
        fs.writeFileSync(file, await sharp(img).png().toBuffer());
        t = performance.now();
        const out = execFileSync('tesseract', [file, 'stdout', '-l', 'chi_sim', '--psm', '6'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        rows.push({ engine: `tesseract ${variant}`, acc: accuracy(truth, out), sec: (performance.now() - t) / 1000 });
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  for (const engine of ['paddle clean', 'tesseract clean', 'paddle photo', 'tesseract photo']) {
    const r = rows.filter((x) => x.engine === engine);
    if (r.length === 0) continue;
    const mean = (f: (x: (typeof r)[number]) => number) => r.reduce((s, x) => s + f(x), 0) / r.length;
    const exact = r.filter((x) => x.acc === 1).length;
    console.log(`OCR ${engine}: ${r.length} ID-card images, character accuracy ${(mean((x) => x.acc) * 100).toFixed(2)}%, exact ${exact}/${r.length}, ${mean((x) => x.sec).toFixed(2)} s/image`);
  }
}

const DEFECTS = ['none', 'bad-id', 'expired', 'name-mismatch', 'missing-material', 'unreadable'] as const;
type Defect = (typeof DEFECTS)[number];
/** the rule type that should catch each defect */
const CATCHES: Record<Exclude<Defect, 'none'>, string> = { 'bad-id': 'field', expired: 'not_expired', 'name-mismatch': 'consistency', 'missing-material': 'required_material', unreadable: 'required_material:uncertain' };

async function checked(name: string, data: Buffer, kind: 'png' | 'docx'): Promise<CheckedFile> {
  const x = await extractFileText(data, kind, ocr);
  const cls = classifyDocument(x.text, name);
  return { name, docType: cls.docType, text: x.text, fields: extractFields(x.text, cls.docType), ...(x.problem ? { problem: x.problem } : {}) };
}

async function rulesBench() {
  const item = { serviceObjects: ['自然人' as const], materials: [{ name: '居民身份证', necessity: '1' as const }, { name: '居民身份证换领申请表', necessity: '1' as const }] } as Parameters<typeof defaultRules>[0];
  const rules = defaultRules(item);
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (k: string, f: 'tp' | 'fp' | 'fn') => {
    const v = tally.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    v[f] += 1;
    tally.set(k, v);
  };
  let passedClean = 0;
  let clean = 0;
  for (let i = 0; i < N; i++) {
    const defect = DEFECTS[i % DEFECTS.length]!;
    const p = person();
    const card: Person = defect === 'bad-id' ? { ...p, idNumber: brokenIdNumber(p.idNumber) } : defect === 'expired' ? { ...p, validity: validity(2001, 20) } : p;
    const files: CheckedFile[] = [];
    if (defect === 'unreadable') files.push(await checked('身份证.png', await noisePng(), 'png'));
    else files.push(await checked('身份证.png', await idCardPng(card), 'png'));
    if (defect !== 'missing-material') files.push(await checked('申请表.docx', await formDocx({ title: '居民身份证换领申请表', rows: [['申请人姓名', p.name], ['公民身份号码', p.idNumber]] }), 'docx'));
    // the citizen types the number printed on the card: a bad number is the card's, not a mismatch
    const form = { name: defect === 'name-mismatch' ? `${p.name.slice(0, -1)}${p.name.endsWith('伟') ? '玮' : '伟'}` : p.name, idNumber: card.idNumber };
    const results = runRules(rules, { form, files, today: TODAY });
    if (defect === 'none') {
      clean += 1;
      if (results.every((r) => r.status === 'pass')) passedClean += 1;
    }
    for (const kind of ['field', 'not_expired', 'consistency', 'required_material', 'required_material:uncertain']) {
      const [k, wanted] = kind.split(':');
      const flagged = results.some((r) => r.kind === k && r.status === (wanted ?? 'fail'));
      const truth = defect !== 'none' && CATCHES[defect] === kind;
      if (flagged && truth) bump(kind, 'tp');
      else if (flagged) bump(kind, 'fp');
      else if (truth) bump(kind, 'fn');
    }
  }
  console.log(`rules: ${N} generated applications (${DEFECTS.join(', ')} in turn); defect-free applications passed cleanly: ${passedClean}/${clean}`);
  for (const [kind, v] of tally) {
    const precision = v.tp + v.fp === 0 ? 1 : v.tp / (v.tp + v.fp);
    const recall = v.tp + v.fn === 0 ? 1 : v.tp / (v.tp + v.fn);
    console.log(`  ${kind.padEnd(28)} precision ${precision.toFixed(2)}  recall ${recall.toFixed(2)}  (tp ${v.tp}, fp ${v.fp}, fn ${v.fn})`);
  }
}

await ocrBench();
await rulesBench();
