// Reports the first page load's WASM + JS + CSS size, raw and brotli, and enforces the budget.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const BUDGET_BROTLI_BYTES = 170 * 1024;
const dir = process.argv[2];
if (!dir) {
  console.error("usage: node size-report.mjs <site pkg dir>");
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f));
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
if (brotli > BUDGET_BROTLI_BYTES) {
  console.error("first-load size is over budget");
  process.exit(1);
}
