/**
 * An eslint formatter for npm test: every error in full, and any warnings as a count per rule
 * (`--max-warnings 0` in package.json's `lint` fails on them all the same). `npx eslint .` with
 * the default formatter lists every warning.
 */
module.exports = (results) => {
  const lines = [];
  const warnings = new Map();
  for (const result of results) {
    for (const message of result.messages) {
      if (message.severity === 2)
        lines.push(`${result.filePath}:${message.line}:${message.column}  ${message.message}  (${message.ruleId ?? 'parse'})`);
      else warnings.set(message.ruleId, (warnings.get(message.ruleId) ?? 0) + 1);
    }
  }
  const errors = lines.length;
  const warned = [...warnings].map(([rule, count]) => `${count} ${rule}`).join(', ');
  lines.push(
    `eslint: ${errors} error${errors === 1 ? '' : 's'}, ${[...warnings.values()].reduce((a, b) => a + b, 0)} warnings${warned ? ` (${warned})` : ''}`,
  );
  return lines.join('\n');
};
