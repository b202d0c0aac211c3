/** What a profile holds, in a few lines a person reads: for the CLI, the model card and reports. */
import { approximation, type Profile } from '../core/profile.js';
import { formatCount, plural } from '../core/format.js';

export function describeProfile(profile: Profile): string {
  const numeric = profile.columns.filter((column) => column.storage === 'numeric');
  const summarised = numeric.filter((column) => column.storage === 'numeric' && column.distribution.kind === 'summary');
  const text = profile.columns.length - numeric.length;
  const parts = [
    `${numeric.length - summarised.length} numerical column${plural(numeric.length - summarised.length)} kept exactly`,
    ...(summarised.length > 0 ? [`${summarised.length} summarised (rank error ≤ ${profile.settings.rankError})`] : []),
    `${text} text column${plural(text)}`,
  ];
  const rows = `${formatCount(profile.rows)} row${plural(profile.rows)}`;
  const columns = `${profile.columns.length} column${plural(profile.columns.length)}`;
  const lines = [`${rows} × ${columns}: ${parts.join(', ')}.`];
  for (const column of profile.columns) {
    const why = approximation(column);
    if (why) lines.push(`  ${JSON.stringify(column.name)}: ${why}`);
  }
  return `${lines.join('\n')}\n`;
}
