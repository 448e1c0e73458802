import { pickLang, translate } from '@quancheng/contracts';
import { buildApp } from '../app';
import type { Config } from '../config';

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * `verify`: recomputes the ledger and checks every head, row and blob. Progress goes to stderr,
 * findings to stdout one per line; the exit code is 1 when anything is wrong.
 */
export async function runVerify(config: Config, args: readonly string[]): Promise<number> {
  const lang = pickLang(flag(args, '--lang') ?? process.env.LANG?.replace('_', '-'));
  const sample = flag(args, '--sample');
  const workers = flag(args, '--workers');
  // A one-shot command: jobs waiting in the queue are the server's to run.
  const app = await buildApp({ ...config, logLevel: 'silent' }, { runJobs: false });
  try {
    let last = '';
    const started = performance.now();
    const report = await app.services.ledger.verifyAll({
      ...(sample ? { blobSample: Number(sample) } : {}),
      ...(workers ? { workers: Number(workers) } : {}),
      onProgress(stage, done, total) {
        const line = `\r${stage} ${done}/${total} (${total ? Math.floor((done / total) * 100) : 100}%)`;
        if (line !== last && process.stderr.isTTY !== false) {
          process.stderr.write(line.padEnd(48));
          last = line;
        }
      },
    });
    const seconds = Math.round(performance.now() - started) / 1000;
    process.stderr.write('\n');
    const messages = report.findings.map((f) => translate(f.key, lang, f.params));
    if (args.includes('--json')) {
      process.stdout.write(
        `${JSON.stringify({ ...report, seconds, findings: report.findings.map((f, i) => ({ kind: f.kind, seq: f.seq, message: messages[i] })) }, null, 2)}\n`,
      );
    } else {
      for (const message of messages) {
        process.stdout.write(`${message}\n`);
      }
      const summary = `${report.treeSize} entries, ${report.headsChecked} signed heads, ${report.rowsChecked} rows, ${report.blobsChecked} blobs checked: ${report.findings.length} finding(s) in ${seconds} s`;
      process.stdout.write(`${report.findings.length === 0 ? 'OK' : 'FAILED'} — ${summary}\n`);
    }
    return report.findings.length === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}
