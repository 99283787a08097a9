/**
 * The standalone verifier page's script (web/public/allocation-verify.html): reads an export
 * chosen or pasted by the user and runs the same verifyExport as `xiaozheng allocation
 * verify`, in the browser, with WebCrypto. No network, no server: it works opened from file://.
 */
import { verifyExport, type VerifyReport } from '../verify.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function item(text: string, ok: boolean): HTMLLIElement {
  const li = document.createElement('li');
  li.className = ok ? 'ok' : 'bad';
  li.textContent = `${ok ? '✓' : '✗'} ${text}`;
  return li;
}

function show(report: VerifyReport): void {
  const verdict = $<HTMLDivElement>('verdict');
  verdict.dataset.ok = String(report.ok);
  verdict.className = report.ok ? 'verdict ok' : 'verdict bad';
  verdict.textContent = report.ok
    ? `校验通过：${report.summary!.qualified} 名合格申请人，${report.summary!.slots} 个名额，${report.summary!.selected} 人入选，结果与公开算法重算完全一致`
    : `校验未通过：发现 ${report.problems.length} 处不一致`;
  const list = $<HTMLUListElement>('details');
  list.replaceChildren(...report.problems.map((p) => item(p, false)), ...report.checked.map((c) => item(c, true)));
}

function fail(message: string): void {
  show({ ok: false, problems: [message], checked: [], computed: {} });
}

async function run(): Promise<void> {
  const fileInput = $<HTMLInputElement>('file');
  const pasted = $<HTMLTextAreaElement>('json').value.trim();
  let text = pasted;
  const file = fileInput.files?.[0];
  if (file) text = await file.text();
  if (!text) return fail('请选择校验文件或粘贴其内容');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`文件不是有效的 JSON：${(err as Error).message}`);
  }
  const expected = {
    commitment: $<HTMLInputElement>('commitment').value.trim() || undefined,
    listHash: $<HTMLInputElement>('listHash').value.trim() || undefined,
  };
  $<HTMLDivElement>('verdict').textContent = '正在重算……';
  try {
    show(await verifyExport(data, expected));
  } catch (err) {
    fail(`校验时出错：${(err as Error).message}`);
  }
}

$<HTMLButtonElement>('run').addEventListener('click', () => void run());
$<HTMLInputElement>('file').addEventListener('change', () => void run());
if (!globalThis.crypto?.subtle) fail('此浏览器不支持 WebCrypto（crypto.subtle），无法计算 SHA-256；请换用较新的浏览器');
