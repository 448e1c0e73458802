#!/usr/bin/env node
// @ts-check
/**
 * quancheng-verify: checks a Quancheng proof bundle, or one leaf, offline.
 * Exit status: 0 valid, 1 not valid, 2 usage error or unreadable file.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { checkHead, inclusionProblem, verifyBundle } from './bundle.mjs';

/** @typedef {import('./bundle.mjs').BundleReport} BundleReport */

const USAGE = `用法 / usage:
  quancheng-verify BUNDLE.json [--public-key KEY.pem] [--json]
  quancheng-verify --head HEAD.json --public-key KEY.pem --event EVENT.json --index N --path HEX,HEX,… [--json]`;

const VALUE_OPTIONS = ['--public-key', '--head', '--event', '--index', '--path'];

class UsageError extends Error {}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Map<string, string>} */
  const options = new Map();
  const files = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--json') {
      json = true;
    } else if (VALUE_OPTIONS.includes(arg)) {
      const value = argv[++i];
      if (value === undefined) {
        throw new UsageError(`${arg} 需要一个值 / ${arg} needs a value`);
      }
      options.set(arg, value);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`未知选项 / unknown option ${arg}`);
    } else {
      files.push(arg);
    }
  }
  return { options, files, json };
}

/** Reads a file; a failure is the caller's mistake (exit 2), not evidence of tampering. */
function read(/** @type {string} */ file) {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`无法读取文件 / cannot read ${file}: ${String(error)}`);
  }
}

/** @param {string} file @returns {unknown} */
function readJson(file) {
  try {
    return JSON.parse(read(file).toString('utf8'));
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(`不是 JSON / not JSON: ${file}`);
  }
}

/** @param {string} name @param {Map<string, string>} options */
function required(name, options) {
  const value = options.get(name);
  if (value === undefined) {
    throw new UsageError(`缺少 ${name} / ${name} is required`);
  }
  return value;
}

/** One leaf without a bundle: the event file's exact bytes are the leaf. @param {Map<string, string>} options */
function verifyLeafFromFiles(options) {
  const indexText = required('--index', options);
  if (!/^\d+$/.test(indexText)) {
    throw new UsageError('--index 须为非负整数 / --index must be a non-negative integer');
  }
  const index = Number(indexText);
  const pathText = required('--path', options).trim().toLowerCase();
  const checked = checkHead(
    readJson(required('--head', options)),
    read(required('--public-key', options)).toString(),
  );
  const leaf = read(required('--event', options));
  const path = pathText === '' ? [] : pathText.split(',');
  const reason = checked.head ? inclusionProblem(checked.head, leaf, index, path) : null;
  const problems = reason === null ? checked.problems : [...checked.problems, reason];
  const entry =
    reason === null ? { seq: index + 1, ok: checked.head !== null } : { seq: index + 1, ok: false, reason };
  return { ok: problems.length === 0, keyId: checked.keyId, head: checked.head, entries: [entry], problems };
}

/** @param {BundleReport} report @param {boolean} embeddedKey */
function humanReport(report, embeddedKey) {
  const lines = [];
  if (report.ok && report.head) {
    const { treeSize, timestamp } = report.head;
    const n = report.entries.length;
    lines.push(
      `有效 / VALID: ${n} 条记录均包含在签名树头（树大小 ${treeSize}，${timestamp}）中`,
      `  ${n === 1 ? 'the record is' : `all ${n} records are`} included in the signed tree head (tree size ${treeSize}, ${timestamp})`,
      `  记录序号 / seq: ${report.entries.map((e) => e.seq).join(', ')}`,
    );
  } else {
    lines.push(`无效 / INVALID: ${report.problems.length} 个问题 / problem(s)`);
    lines.push(...report.problems.map((p) => `  - ${p}`));
  }
  lines.push(`公钥指纹 / key id: ${report.keyId ?? '—'}`);
  if (embeddedKey) {
    lines.push(
      '注意：使用的是包内嵌的公钥；请用从本局独立获得的公钥经 --public-key 核验。',
      'Note: the key embedded in the bundle was used; verify with --public-key obtained independently from the bureau.',
    );
  }
  return lines.join('\n') + '\n';
}

function main() {
  const { options, files, json } = parseArgs(process.argv.slice(2));
  const leafMode = options.has('--head');
  if (leafMode ? files.length !== 0 : files.length !== 1) {
    throw new UsageError('参数不正确 / wrong arguments');
  }
  const keyFile = options.get('--public-key');
  const report = leafMode
    ? verifyLeafFromFiles(options)
    : verifyBundle(
        readJson(files[0] ?? ''),
        keyFile === undefined ? {} : { publicKeyPem: read(keyFile).toString() },
      );
  process.stdout.write(
    json ? JSON.stringify(report, null, 2) + '\n' : humanReport(report, keyFile === undefined),
  );
  process.exitCode = report.ok ? 0 : 1;
}

try {
  main();
} catch (error) {
  // Anything unexpected is also "could not check" (2), never mistaken for "not valid" (1).
  const usage = error instanceof UsageError;
  process.stderr.write(
    usage ? `${error.message}\n${USAGE}\n` : `内部错误 / internal error: ${String(error)}\n`,
  );
  process.exitCode = 2;
}
