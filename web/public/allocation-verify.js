"use strict";
(() => {
  var __defProp = Object.defineProperty;
  var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
  var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);

  // src/allocation/algorithm.ts
  var ALGORITHM_ID = "xiaozheng-allocation-v1";
  var APPLICATION_NO = /^[A-Za-z0-9_-]{1,64}$/;
  var encoder = new TextEncoder();
  function toHex(bytes) {
    let s = "";
    for (const b of bytes) s += b.toString(16).padStart(2, "0");
    return s;
  }
  function fromHex(hex, length) {
    if (typeof hex !== "string" || !new RegExp(`^[0-9a-fA-F]{${length * 2}}$`).test(hex)) return null;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  async function sha256(data) {
    return new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", data));
  }
  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
  function compareAscii(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  var FIELD_FORBIDDEN = /[\t\n\r]/;
  function canonicalProblems(round, qualified) {
    const problems = [];
    if (typeof round.id !== "string" || round.id === "" || FIELD_FORBIDDEN.test(round.id)) problems.push("轮次编号为空或含制表符、换行");
    if (!Number.isInteger(round.slots) || round.slots < 0) problems.push(`名额数 ${String(round.slots)} 不是非负整数`);
    const names = /* @__PURE__ */ new Set();
    let quotas = 0;
    for (const [i, g] of round.groups.entries()) {
      if (typeof g.name !== "string" || g.name === "" || FIELD_FORBIDDEN.test(g.name)) problems.push(`第 ${i + 1} 个优先组的名称为空或含制表符、换行`);
      if (names.has(g.name)) problems.push(`优先组“${g.name}”重复`);
      names.add(g.name);
      if (!Number.isInteger(g.quota) || g.quota < 0) problems.push(`优先组“${g.name}”的配额 ${String(g.quota)} 不是非负整数`);
      quotas += g.quota;
    }
    if (quotas > round.slots) problems.push(`优先组配额合计 ${quotas} 超过名额数 ${round.slots}`);
    const seen = /* @__PURE__ */ new Set();
    for (const [i, e] of qualified.entries()) {
      const where = `合格名单第 ${i + 1} 项`;
      if (typeof e.applicationNo !== "string" || !APPLICATION_NO.test(e.applicationNo)) {
        problems.push(`${where}的申请编号“${String(e.applicationNo)}”格式不正确（只能含英文字母、数字、- 和 _）`);
        continue;
      }
      if (seen.has(e.applicationNo)) problems.push(`申请编号 ${e.applicationNo} 在合格名单中重复`);
      seen.add(e.applicationNo);
      if (typeof e.name !== "string" || e.name === "" || FIELD_FORBIDDEN.test(e.name)) problems.push(`${where}（${e.applicationNo}）的姓名为空或含制表符、换行`);
      if (e.group !== null && !names.has(e.group)) problems.push(`${where}（${e.applicationNo}）的优先组“${String(e.group)}”不在本轮的优先组中`);
    }
    return problems;
  }
  function canonicalList(round, qualified) {
    const problems = canonicalProblems(round, qualified);
    if (problems.length > 0) throw new Error(problems.join("；"));
    const lines = ["xiaozheng-allocation-list v1", `round	${round.id}`, `slots	${round.slots}`];
    round.groups.forEach((g, i) => lines.push(`group	${i + 1}	${g.quota}	${g.name}`));
    for (const e of sortByApplicationNo(qualified)) lines.push(`applicant	${e.applicationNo}	${e.group ?? ""}	${e.name}`);
    return lines.map((l) => `${l}
`).join("");
  }
  function sortByApplicationNo(entries) {
    return [...entries].sort((a, b) => compareAscii(a.applicationNo, b.applicationNo));
  }
  async function listHash(round, qualified) {
    return toHex(await sha256(encoder.encode(canonicalList(round, qualified))));
  }
  async function commitmentOf(secretHex) {
    const secret = fromHex(secretHex, 32);
    if (!secret) throw new Error("秘密值应为 64 位十六进制（32 字节）");
    return toHex(await sha256(secret));
  }
  async function seedOf(secretHex, publicValue, listHashHex) {
    const secret = fromHex(secretHex, 32);
    const list = fromHex(listHashHex, 32);
    if (!secret) throw new Error("秘密值应为 64 位十六进制（32 字节）");
    if (!list) throw new Error("名单哈希应为 64 位十六进制（32 字节）");
    return toHex(await sha256(concat(secret, encoder.encode(publicValue), list)));
  }
  var RandomStream = class _RandomStream {
    constructor(seed) {
      __publicField(this, "seed", seed);
      __publicField(this, "block", null);
      __publicField(this, "counter", 0);
      __publicField(this, "offset", 32);
    }
    static fromHex(seedHex) {
      const seed = fromHex(seedHex, 32);
      if (!seed) throw new Error("种子应为 64 位十六进制（32 字节）");
      return new _RandomStream(seed);
    }
    async nextWord() {
      if (this.block === null || this.offset >= 32) {
        const k = new Uint8Array(4);
        new DataView(k.buffer).setUint32(0, this.counter, false);
        this.block = await sha256(concat(this.seed, k));
        this.counter++;
        this.offset = 0;
      }
      const b = this.block;
      const o = this.offset;
      this.offset += 4;
      return (b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]) >>> 0;
    }
    /**
     * A uniform integer in [0, n) for 1 ≤ n ≤ 2^32: words at or above the largest multiple of n
     * are rejected (the next word is taken), so every value has the same number of preimages.
     */
    async uniform(n) {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`uniform(${n}): n must be an integer in [1, 2^32]`);
      const limit = 2 ** 32 - 2 ** 32 % n;
      for (; ; ) {
        const x = await this.nextWord();
        if (x < limit) return x % n;
      }
    }
  };
  async function shuffle(items, stream) {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = await stream.uniform(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
  async function draw(round, qualified, seedHex) {
    const problems = canonicalProblems(round, qualified);
    if (problems.length > 0) throw new Error(problems.join("；"));
    const stream = RandomStream.fromHex(seedHex);
    const sorted = sortByApplicationNo(qualified);
    const ranked = /* @__PURE__ */ new Set();
    const results = [];
    const place = (applicationNo, group) => {
      ranked.add(applicationNo);
      const rank = results.length + 1;
      results.push({ applicationNo, rank, group, selected: rank <= round.slots });
    };
    for (const g of round.groups) {
      const pool = await shuffle(
        sorted.filter((e) => e.group === g.name).map((e) => e.applicationNo),
        stream
      );
      for (const no of pool.slice(0, g.quota)) place(no, g.name);
    }
    const rest = await shuffle(
      sorted.filter((e) => !ranked.has(e.applicationNo)).map((e) => e.applicationNo),
      stream
    );
    for (const no of rest) place(no, null);
    return results;
  }

  // src/allocation/verify.ts
  var EXPORT_FORMAT = "xiaozheng-allocation-export/1";
  var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
  function shapeProblems(x) {
    if (!isObject(x)) return ["文件内容不是 JSON 对象"];
    const p = [];
    if (x.format !== EXPORT_FORMAT) p.push(`format 应为 ${EXPORT_FORMAT}，现为 ${JSON.stringify(x.format)}`);
    if (!isObject(x.algorithm) || x.algorithm.id !== ALGORITHM_ID) p.push(`algorithm.id 应为 ${ALGORITHM_ID}（本校验程序只实现这一算法）`);
    const r = x.round;
    if (!isObject(r)) p.push("缺少 round（轮次信息）");
    else {
      if (typeof r.id !== "string") p.push("round.id 应为字符串");
      if (!isObject(r.resource) || !Number.isInteger(r.resource.slots)) p.push("round.resource.slots（名额数）应为整数");
      if (!Array.isArray(r.groups) || !r.groups.every((g) => isObject(g) && typeof g.name === "string" && Number.isInteger(g.quota))) p.push("round.groups 应为 [{name, quota}] 数组");
    }
    if (!Array.isArray(x.qualified) || !x.qualified.every((e) => isObject(e) && typeof e.applicationNo === "string" && typeof e.name === "string" && (e.group === null || typeof e.group === "string"))) {
      p.push("qualified 应为 [{applicationNo, name, group}] 数组（group 为字符串或 null）");
    }
    for (const k of ["listHash", "commitment", "secret", "seed"]) {
      if (typeof x[k] !== "string" || !fromHex(x[k], 32)) p.push(`${k} 应为 64 位十六进制`);
    }
    if (typeof x.publicValue !== "string" || x.publicValue === "") p.push("publicValue（公开随机值）应为非空字符串");
    if (!Array.isArray(x.results) || !x.results.every((e) => isObject(e) && typeof e.applicationNo === "string" && Number.isInteger(e.rank) && (e.group === null || e.group === void 0 || typeof e.group === "string"))) {
      p.push("results 应为 [{applicationNo, rank, group?, selected?}] 数组");
    }
    return p;
  }
  var short = (h) => `${h.slice(0, 16)}…`;
  function resultProblems(published, expected) {
    const p = [];
    const byNo = new Map(published.map((r) => [r.applicationNo, r]));
    if (byNo.size !== published.length) p.push("结果中有重复的申请编号");
    const ranks = new Set(published.map((r) => r.rank));
    if (ranks.size !== published.length) p.push("结果中有重复的排位");
    for (const e of expected) {
      const r = byNo.get(e.applicationNo);
      if (!r) {
        p.push(`结果缺少合格申请人 ${e.applicationNo}（重算排位 ${e.rank}）`);
        continue;
      }
      if (r.rank !== e.rank) p.push(`申请编号 ${e.applicationNo} 的排位为 ${r.rank}，重算应为 ${e.rank}`);
      if ((r.group ?? null) !== e.group) p.push(`申请编号 ${e.applicationNo} 的抽签组为“${r.group ?? "普通"}”，重算应为“${e.group ?? "普通"}”`);
      if (r.selected !== void 0 && r.selected !== e.selected) p.push(`申请编号 ${e.applicationNo} 标为${r.selected ? "入选" : "未入选"}，重算应为${e.selected ? "入选" : "未入选"}`);
    }
    const known = new Set(expected.map((e) => e.applicationNo));
    for (const r of published) if (!known.has(r.applicationNo)) p.push(`结果中的申请编号 ${r.applicationNo} 不在合格名单中`);
    return p;
  }
  async function verifyExport(input, expected = {}) {
    const shape = shapeProblems(input);
    if (shape.length > 0) return { ok: false, problems: shape, checked: [], computed: {} };
    const x = input;
    const problems = [];
    const checked = [];
    const computed = {};
    const round = { id: x.round.id, slots: x.round.resource.slots, groups: x.round.groups.map((g) => ({ name: g.name, quota: g.quota })) };
    const qualified = x.qualified.map((e) => ({ applicationNo: e.applicationNo, name: e.name, group: e.group }));
    const canonical = canonicalProblems(round, qualified);
    if (canonical.length > 0) return { ok: false, problems: canonical, checked, computed };
    const lh = await listHash(round, qualified);
    computed.listHash = lh;
    if (lh !== x.listHash.toLowerCase()) problems.push(`名单哈希不符：按合格名单重算为 ${lh}，文件中为 ${x.listHash}（名单或轮次参数被改动）`);
    else checked.push(`名单哈希一致：${lh}`);
    if (expected.listHash !== void 0) {
      if (expected.listHash.toLowerCase() !== lh) problems.push(`名单哈希与抽签前公布的 ${expected.listHash} 不符（重算为 ${short(lh)}）`);
      else checked.push("名单哈希与抽签前公布的一致");
    }
    const c = await commitmentOf(x.secret);
    computed.commitment = c;
    if (c !== x.commitment.toLowerCase()) problems.push(`承诺值不符：SHA-256(秘密) = ${c}，文件中的承诺值为 ${x.commitment}（秘密值或承诺值被改动）`);
    else checked.push(`承诺值一致：SHA-256(秘密) = ${c}`);
    if (expected.commitment !== void 0) {
      if (expected.commitment.toLowerCase() !== c) problems.push(`秘密值与抽签前公布的承诺值 ${expected.commitment} 不符（SHA-256(秘密) = ${short(c)}）`);
      else checked.push("秘密值与抽签前公布的承诺值一致");
    }
    const seed = await seedOf(x.secret, x.publicValue, lh);
    computed.seed = seed;
    const seedFromFile = await seedOf(x.secret, x.publicValue, x.listHash);
    if (seed !== x.seed.toLowerCase() && seedFromFile !== x.seed.toLowerCase()) problems.push(`种子不符：由秘密、公开随机值“${x.publicValue}”和名单哈希重算为 ${seed}，文件中为 ${x.seed}（公开随机值、秘密或种子被改动）`);
    else if (seed === x.seed.toLowerCase()) checked.push(`种子一致：${seed}`);
    const recomputed = await draw(round, qualified, seed);
    const rp = resultProblems(x.results, recomputed);
    if (rp.length > 0) {
      const shown = rp.slice(0, 20);
      problems.push(...shown);
      if (rp.length > shown.length) problems.push(`……结果共有 ${rp.length} 处与重算不符`);
    } else checked.push(`抽签结果一致：${recomputed.length} 人的排位与重算相同`);
    return { ok: problems.length === 0, problems, checked, computed, summary: { qualified: qualified.length, slots: round.slots, selected: recomputed.filter((r) => r.selected).length } };
  }

  // src/allocation/verifier-page/page.ts
  var $ = (id) => document.getElementById(id);
  function item(text, ok) {
    const li = document.createElement("li");
    li.className = ok ? "ok" : "bad";
    li.textContent = `${ok ? "✓" : "✗"} ${text}`;
    return li;
  }
  function show(report) {
    const verdict = $("verdict");
    verdict.dataset.ok = String(report.ok);
    verdict.className = report.ok ? "verdict ok" : "verdict bad";
    verdict.textContent = report.ok ? `校验通过：${report.summary.qualified} 名合格申请人，${report.summary.slots} 个名额，${report.summary.selected} 人入选，结果与公开算法重算完全一致` : `校验未通过：发现 ${report.problems.length} 处不一致`;
    const list = $("details");
    list.replaceChildren(...report.problems.map((p) => item(p, false)), ...report.checked.map((c) => item(c, true)));
  }
  function fail(message) {
    show({ ok: false, problems: [message], checked: [], computed: {} });
  }
  async function run() {
    const fileInput = $("file");
    const pasted = $("json").value.trim();
    let text = pasted;
    const file = fileInput.files?.[0];
    if (file) text = await file.text();
    if (!text) return fail("请选择校验文件或粘贴其内容");
    let data;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return fail(`文件不是有效的 JSON：${err.message}`);
    }
    const expected = {
      commitment: $("commitment").value.trim() || void 0,
      listHash: $("listHash").value.trim() || void 0
    };
    $("verdict").textContent = "正在重算……";
    try {
      show(await verifyExport(data, expected));
    } catch (err) {
      fail(`校验时出错：${err.message}`);
    }
  }
  $("run").addEventListener("click", () => void run());
  $("file").addEventListener("change", () => void run());
  if (!globalThis.crypto?.subtle) fail("此浏览器不支持 WebCrypto（crypto.subtle），无法计算 SHA-256；请换用较新的浏览器");
})();
