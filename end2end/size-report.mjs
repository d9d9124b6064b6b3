// Reports the first page load's WASM + JS + CSS size, raw and brotli, and enforces the budget and
// the committed baseline (size-baseline.json): more than 10 % growth over it fails. After a
// deliberate increase, `node size-report.mjs <pkg dir> --update-baseline` records the new size.
// Lazy islands' code (split_*.wasm and chunk_*.wasm, built with `--split`) loads only on the pages
// that have them: it is listed apart and not counted in the first load. What actually moves over
// the wire, HTML included, is checked in Chromium by tests/wire-size.hydrated.spec.ts.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const BUDGET_BROTLI_BYTES = 170 * 1024;
const GROWTH_ALLOWED = 0.1;
const baselineFile = new URL("./size-baseline.json", import.meta.url);
const dir = process.argv[2];
if (!dir) {
  console.error("usage: node size-report.mjs <site pkg dir>");
  process.exit(2);
}
const isLazy = (f) => /^(split_|chunk_)/.test(f);
const all = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f));
const files = all.filter((f) => !isLazy(f));
let lazy = 0;
for (const f of all.filter(isLazy).sort()) {
  const br = brotliCompressSync(readFileSync(join(dir, f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  lazy += br;
}
if (!files.some((f) => f.endsWith(".wasm"))) {
  console.error(`no .wasm file in ${dir}: was the release build run?`);
  process.exit(2);
}
let raw = 0;
let brotli = 0;
for (const f of files.sort()) {
  const data = readFileSync(join(dir, f));
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += data.length;
  brotli += br;
  console.log(`${f.padEnd(28)} ${(data.length / 1024).toFixed(1).padStart(8)} KB raw ${(br / 1024).toFixed(1).padStart(8)} KB brotli`);
}
console.log(`${"total".padEnd(28)} ${(raw / 1024).toFixed(1).padStart(8)} KB raw ${(brotli / 1024).toFixed(1).padStart(8)} KB brotli (budget ${BUDGET_BROTLI_BYTES / 1024} KB)`);
console.log(`lazy islands, loaded where used: ${(lazy / 1024).toFixed(1)} KB brotli`);
if (process.argv.includes("--update-baseline")) {
  writeFileSync(baselineFile, `${JSON.stringify({ raw_bytes: raw, brotli_bytes: brotli }, null, 2)}\n`);
  console.log("baseline updated");
}
const baseline = JSON.parse(readFileSync(baselineFile, "utf8"));
let failed = false;
for (const [what, now, then] of [["raw", raw, baseline.raw_bytes], ["brotli", brotli, baseline.brotli_bytes]]) {
  const growth = now / then - 1;
  console.log(`${what}: ${(growth * 100).toFixed(1)} % against the baseline of ${(then / 1024).toFixed(1)} KB`);
  if (growth > GROWTH_ALLOWED) {
    console.error(`first-load ${what} size grew ${(growth * 100).toFixed(1)} %, more than ${GROWTH_ALLOWED * 100} % over size-baseline.json`);
    failed = true;
  }
}
if (brotli > BUDGET_BROTLI_BYTES) {
  console.error("first-load size is over budget");
  failed = true;
}
if (failed) process.exit(1);
