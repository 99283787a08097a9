/**
 * Builds the standalone verifier: web/public/allocation-verify.html (markup) and
 * allocation-verify.js (page.ts with the verifier it imports, verify.ts and algorithm.ts,
 * bundled unminified so anyone can read what runs). The script is a separate classic script,
 * not inline: the server's Content-Security-Policy allows scripts from 'self' only, and a
 * classic script beside the page also loads from file://. build.test.ts keeps the committed
 * files equal to this output (`npx vitest run -u src/allocation/verifier-page` regenerates them).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildVerifierPage(): Promise<{ html: string; script: string }> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [path.join(here, 'page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return { html: TEMPLATE, script: out.outputFiles[0]!.text };
}

const TEMPLATE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公共资源分配抽签结果校验 · 小政</title>
<style>
  body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; max-width: 860px; margin: 24px auto; padding: 0 16px; color: #1f1f1f; line-height: 1.6; }
  h1 { font-size: 22px; color: #1d4f91; }
  label { display: block; margin: 12px 0 4px; font-weight: 600; }
  input[type=text], textarea { width: 100%; box-sizing: border-box; font-family: monospace; padding: 6px; }
  textarea { height: 120px; }
  button { margin-top: 16px; padding: 8px 24px; font-size: 16px; background: #1d4f91; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .verdict { margin-top: 20px; padding: 12px; border-radius: 4px; font-size: 18px; font-weight: 600; }
  .verdict.ok { background: #f6ffed; border: 1px solid #b7eb8f; color: #237804; }
  .verdict.bad { background: #fff1f0; border: 1px solid #ffa39e; color: #a8071a; }
  #details { padding-left: 0; list-style: none; word-break: break-all; }
  #details li.ok { color: #237804; }
  #details li.bad { color: #a8071a; }
  .note { color: #595959; font-size: 14px; }
</style>
</head>
<body>
<h1>公共资源分配抽签结果校验</h1>
<p class="note">本页面不连接任何服务器：在您的浏览器中按公开算法（xiaozheng-allocation-v1，见 docs/allocation.md）重算名单哈希、承诺值、种子和每个人的排位。将本页面与 allocation-verify.js 保存到同一文件夹，即可离线打开使用。</p>
<label for="file">校验文件（轮次公示页“下载校验文件”得到的 JSON）</label>
<input id="file" type="file" accept="application/json,.json">
<label for="json">或粘贴文件内容</label>
<textarea id="json" placeholder="{ &quot;format&quot;: &quot;xiaozheng-allocation-export/1&quot;, … }"></textarea>
<label for="commitment">抽签前公布的承诺值（可选，防止整份文件被重新生成）</label>
<input id="commitment" type="text" placeholder="64 位十六进制">
<label for="listHash">抽签前公示的名单哈希（可选）</label>
<input id="listHash" type="text" placeholder="64 位十六进制">
<button id="run" type="button">校验</button>
<div id="verdict" class="verdict" role="status" aria-live="polite"></div>
<ul id="details"></ul>
<script src="allocation-verify.js"></script>
</body>
</html>
`;
