// npm test: the lint and type checks beside the test suite rather than before it (they take about a minute
// of the suite's 20 on CI's two cores). Each one's output is printed whole when it ends; the suite's as it
// runs. Fails when any of them fails. Hand-written: a runner such as npm-run-all would be a dependency for
// twenty lines.
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run <script>`; its output, buffered, is printed when it ends. Resolves to its exit code. */
function checked(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      process.stdout.write(`\n── npm run ${script}: ${code === 0 ? 'passed' : `failed (${code})`}\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code ?? 1);
    });
  });
}

const suite = new Promise((resolve) => {
  const child = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('close', (code) => resolve(code ?? 1));
});

const codes = await Promise.all([checked('lint'), checked('typecheck'), suite]);
process.exit(codes.every((code) => code === 0) ? 0 : 1);
