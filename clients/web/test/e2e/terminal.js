// `./parley chat <user>` (the Java terminal client, clients/java/cli) on a pseudo-terminal, for the
// end-to-end tests that chat between it and the web client. util-linux `script` allocates the
// pseudo-terminal, so JLine runs on a real terminal as in a user's shell, with no native module.

import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const SCRIPT = '/usr/bin/script';
// Cursor moves, colours and other escapes JLine draws its prompt with, and the carriage returns.
const ESCAPES = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[0-9=<>@-Z\\-_])|\r/g;

export class Terminal {
  /**
   * Starts `./parley chat <user>` against the local-env of `endpointsFile`, with a store of its own.
   * @param {string} user @param {string} endpointsFile
   */
  constructor(user, endpointsFile) {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} (util-linux) is needed to give the terminal client a pseudo-terminal`);
    this.user = user;
    this.home = mkdtempSync(join(tmpdir(), `parley-chat-${user}-`));
    // A terminal of a size, as a user's: on one of 0 columns (script's, when its own input is no
    // terminal) JLine cuts every prompt down to nothing.
    const command = `stty cols 160 rows 50 && exec ${
      [join(root, 'parley'), 'chat', user, '--endpoints', endpointsFile, '--home', this.home].map(quote).join(' ')}`;
    this.raw = '';
    this.process = spawn(SCRIPT, ['-qfec', command, '/dev/null'], {
      cwd: root,
      env: { ...process.env, TERM: process.env.TERM && process.env.TERM !== 'dumb' ? process.env.TERM : 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    // Registered before any waitFor's check, so a check sees the chunk it is called for.
    for (const stream of [this.process.stdout, this.process.stderr]) {
      stream.setEncoding('utf8'); // a character split between two chunks is put together again
      stream.on('data', (chunk) => { this.raw += chunk; });
    }
  }

  /** Where the terminal's output is now, for a later {@link waitFor} to look only at what comes after. */
  get position() {
    return this.raw.length;
  }

  /** What the terminal has shown since `position`, without its escape sequences. */
  since(position) {
    return this.raw.slice(position).replace(ESCAPES, '');
  }

  /** Keys into the terminal: text as typed, `\r` being Enter. */
  write(keys) {
    this.process.stdin.write(keys);
  }

  /** Types a line and presses Enter. */
  type(line) {
    this.write(`${line}\r`);
  }

  /**
   * Waits until the output since `from` (a {@link position}) matches `pattern` (a string or
   * RegExp) and returns the match. Checked on every chunk the terminal writes, never on a timer.
   * @returns {Promise<RegExpMatchArray>}
   */
  waitFor(pattern, { from = 0, timeout }) {
    const regex = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = this.since(from).match(regex);
        if (match) {
          done();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${regex} in ${this.user}'s terminal within ${timeout} ms; it shows:\n${this.since(from)}`));
      }, timeout);
      const exited = ({ code, signal }) => {
        done();
        reject(new Error(`${this.user}'s terminal exited (${code ?? signal}) before showing ${regex}:\n${this.since(from)}`));
      };
      const done = () => {
        clearTimeout(timer);
        this.process.stdout.off('data', check);
        this.process.stderr.off('data', check);
        this.process.off('exit', exited);
      };
      this.process.stdout.on('data', check);
      this.process.stderr.on('data', check);
      this.process.on('exit', exited);
      check();
    });
  }

  /** Signs in to a TOTP-enrolled demo user: waits for the prompt and types the authenticator's code. */
  async answerTotp(secret, timeout) {
    await this.waitFor('TOTP code:', { timeout });
    this.type(await totpCode(secret));
  }

  /** Kills the terminal and everything it started (the shell, the JVM) with SIGKILL, and removes its store. */
  kill() {
    for (const pid of [...descendants(this.process.pid), this.process.pid].reverse()) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** The process ids below `pid`, parents before their children (Linux /proc). */
function descendants(pid) {
  let children = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    }
  } catch { /* the process is gone */ }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const quote = (arg) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * The current RFC 6238 code of a base32 secret (HMAC-SHA1, 6 digits, 30 s), as an authenticator
 * app shows it. Local moto accepts only the current 30 s step (docs/local-env.md): with less than
 * 10 s of it left, the code of the next step is waited for, so it cannot expire on its way.
 */
async function totpCode(secret) {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.toUpperCase().replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0xf;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
