#!/usr/bin/env node
'use strict';
/**
 * Checks a dispute's evidence pack (GET /disputes/{id}/evidence.json, or Dispute.evidencePack.json)
 * without the supplier API's database, with nothing but Node:
 *
 *   node scripts/verify-evidence-pack.js dispute-evidence.json
 *
 * Every row (dispute, invoice, finding, invoice line, credit, incident) is re-serialised as
 * canonical JSON (keys in code-point order, no spaces) without its own `sha256` and hashed;
 * every frozen SLA month's `content` is hashed as it stands; the manifest must list exactly
 * those rows and hashes, in order; and `packSha256` is the SHA-256 of the manifest's hashes
 * joined by line feeds. Prints OK, or the first mismatch; exits 0, or 1 (also when it cannot be read).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
    return sorted;
  }
  return value;
}
const canonicalJson = (value) => JSON.stringify(sortKeys(value));

/** The rows of the pack, in the order its manifest lists them. */
const ROW_PARTS = [
  ['dispute', (pack) => [pack.dispute]],
  ['invoice', (pack) => [pack.invoice]],
  ['finding', (pack) => pack.findings],
  ['invoiceLine', (pack) => pack.invoiceLines],
  ['credit', (pack) => pack.credits],
  ['snapshot', (pack) => pack.snapshots],
  ['incident', (pack) => pack.incidents],
];

/** The first thing wrong with the pack, or null. */
function check(pack) {
  if (!pack || pack.kind !== 'DISPUTE_EVIDENCE_PACK') return 'not a dispute evidence pack (kind is not DISPUTE_EVIDENCE_PACK)';
  if (pack.format !== 1) return `format ${pack.format} is not one this script knows (1)`;
  const expected = [];
  for (const [part, rowsOf] of ROW_PARTS) {
    const rows = rowsOf(pack);
    if (!Array.isArray(rows) || rows.some((row) => !row || typeof row !== 'object')) return `${part}: missing or malformed`;
    for (const row of rows) {
      let actual;
      if (part === 'snapshot') {
        if (typeof row.content !== 'string') return `snapshot ${row.id}: no content`;
        actual = sha256(row.content);
      } else {
        const { sha256: _stated, ...rest } = row;
        actual = sha256(canonicalJson(rest));
      }
      if (actual !== row.sha256) return `${part} ${row.id}: sha256 is ${row.sha256} but the row hashes to ${actual}`;
      expected.push({ part, id: row.id, sha256: row.sha256 });
    }
  }
  // a credit names the frozen month its figure is final in: that month must be in the pack, unchanged
  const snapshots = new Map(pack.snapshots.map((s) => [s.id, s]));
  for (const credit of pack.credits) {
    if (!credit.snapshot) continue;
    const held = snapshots.get(credit.snapshot.id);
    if (!held) return `credit ${credit.id}: its snapshot ${credit.snapshot.id} is not in the pack`;
    if (held.sha256 !== credit.snapshot.sha256 || held.revision !== credit.snapshot.revision)
      return (
        `credit ${credit.id}: cites snapshot ${credit.snapshot.id} revision ${credit.snapshot.revision} ${credit.snapshot.sha256}, the pack ` +
        `holds revision ${held.revision} ${held.sha256}`
      );
  }
  if (!Array.isArray(pack.manifest)) return 'manifest: missing';
  for (let i = 0; i < Math.max(expected.length, pack.manifest.length); i += 1) {
    const want = expected[i];
    const got = pack.manifest[i];
    if (!want) return `manifest entry ${i + 1} (${got.part} ${got.id}) names no row of the pack`;
    if (!got) return `manifest: ${want.part} ${want.id} is not listed`;
    if (got.part !== want.part || got.id !== want.id || got.sha256 !== want.sha256)
      return `manifest entry ${i + 1}: lists ${got.part} ${got.id} ${got.sha256}, the pack holds ${want.part} ${want.id} ${want.sha256}`;
  }
  const packHash = sha256(pack.manifest.map((entry) => entry.sha256).join('\n'));
  if (packHash !== pack.packSha256) return `packSha256 is ${pack.packSha256} but the manifest hashes to ${packHash}`;
  return null;
}

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node scripts/verify-evidence-pack.js <evidence-pack.json>\n');
    return 1;
  }
  let pack;
  try {
    pack = JSON.parse(readFileSync(argv[0], 'utf8'));
  } catch (error) {
    process.stderr.write(`cannot read ${argv[0]}: ${error.message}\n`);
    return 1;
  }
  const mismatch = check(pack);
  if (mismatch) {
    process.stdout.write(`MISMATCH ${mismatch}\n`);
    return 1;
  }
  process.stdout.write(`OK ${pack.packSha256} (${pack.manifest.length} rows, ${pack.snapshots.length} SLA month snapshots)\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
