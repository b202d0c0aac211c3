/** driftgate's version, as in package.json (a test keeps the two equal); stamped into every report. */
export const VERSION = '0.1.0';
