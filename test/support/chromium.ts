import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Debian's Chromium, which .ci/run installs when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless and quiet: no GPU, no sandbox (CI runs as root), nothing fetched on its own account. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A DevTools protocol event, with the session (page) it came from. */
export interface CdpEvent {
  readonly method: string;
  readonly params: CdpEventParams;
  readonly sessionId?: string;
}

/** The fields of an event's params that these helpers read; which of them are there depends on the event's method. */
export interface CdpEventParams {
  reason?: string | null;
  requestId?: string;
  request?: { url: string; method: string; headers: Record<string, string>; postData?: string };
  response?: { status: number };
  errorText?: string;
  type?: string;
  args?: { value: unknown; description: unknown }[];
  exceptionDetails?: CdpExceptionDetails;
  entry?: { level: string; source: string; text: string; url?: string };
}

/** Why a script in the page threw */
interface CdpExceptionDetails {
  text: string;
  exception?: { description?: string };
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  method: string;
}

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
 * commands in on fd 3, answers and events out on fd 4, each message ended by a NUL), which
 * needs no WebSocket client: Node 20 has none built in, and the `ws` in node_modules is only
 * another package's dependency. Chromium runs in a process group of its own, so `close()`
 * ends its renderers with it.
 */
export class Chromium {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private stderr = '';
  private exitReason: string | null = null;
  private readonly exited: Promise<void>;
  private readonly killOnExit = () => this.kill();

  private constructor(
    private readonly child: ChildProcess,
    private readonly userDataDir: string,
  ) {
    const input = child.stdio[3] as Writable;
    const output = child.stdio[4] as Readable;
    let buffered = '';
    output.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\0')) >= 0) {
        this.receive(JSON.parse(buffered.slice(0, end)));
        buffered = buffered.slice(end + 1);
      }
    });
    input.on('error', () => undefined); // a write after Chromium died: the 'exit' below reports it
    child.stderr!.on('data', (chunk: Buffer) => {
      // the last few kilobytes, to say why Chromium failed
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4_000);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitReason = `Chromium exited (${code ?? signal}); its stderr ended:\n${this.stderr}`;
        for (const call of this.pending.values()) call.reject(new Error(`${call.method}: ${this.exitReason}`));
        this.pending.clear();
        for (const listener of this.listeners) listener({ method: 'Chromium.exited', params: { reason: this.exitReason } });
        resolve();
      });
    });
    // a test run that dies before close() must not leave a browser behind
    process.once('exit', this.killOnExit);
  }

  /** Starts Chromium with a fresh profile; fails, naming the fix, when it is not installed. */
  static async launch(): Promise<Chromium> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Headless Chromium is needed for this test and ${CHROMIUM} does not exist: install Debian's package (apt-get install chromium), as .ci/run does`,
      );
    }
    const userDataDir = mkdtempSync(join(tmpdir(), 'hscn-chromium-'));
    const child = spawn(CHROMIUM, [...FLAGS, '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const browser = new Chromium(child, userDataDir);
    try {
      await browser.send('Browser.getVersion');
    } catch (error) {
      await browser.close();
      throw error;
    }
    return browser;
  }

  /** One protocol command; rejects with Chromium's error, or when Chromium exits first. */
  send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.exitReason !== null) return Promise.reject(new Error(`${method}: ${this.exitReason}`));
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      (this.child.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** Calls `listener` with every event from now on; returns the function that stops it. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next event `matches` accepts; rejects if Chromium exits first. */
  nextEvent(description: string, matches: (event: CdpEvent) => boolean): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const stop = this.onEvent((event) => {
        if (event.method === 'Chromium.exited') {
          stop();
          reject(new Error(`waiting for ${description}: ${event.params.reason}`));
        } else if (matches(event)) {
          stop();
          resolve(event);
        }
      });
    });
  }

  /** A new tab, attached, with the domains the tests watch enabled. */
  async newPage(): Promise<Page> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId);
    await Promise.all(['Page.enable', 'Network.enable', 'Runtime.enable', 'Log.enable'].map((method) => this.send(method, {}, sessionId)));
    return page;
  }

  /** Ends Chromium and every process it started, and removes its profile. Safe to call twice. */
  async close(): Promise<void> {
    process.removeListener('exit', this.killOnExit);
    this.kill();
    await this.exited;
    rmSync(this.userDataDir, { recursive: true, force: true });
  }

  private kill(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }

  private receive(message: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    params?: CdpEventParams;
    sessionId?: string;
  }): void {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
      else call?.resolve(message.result);
      return;
    }
    const event: CdpEvent = { method: message.method!, params: message.params!, sessionId: message.sessionId };
    for (const listener of this.listeners) listener(event);
  }
}

/** A request the page made, as the network saw it. */
export interface PageRequest {
  readonly requestId: string;
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly postData?: string;
}

/** One tab: what it requested, what it complained of, and ways to act on it. */
export class Page {
  readonly requests: PageRequest[] = [];
  /** console errors, uncaught exceptions and browser warnings (CSP violations, failed loads) */
  readonly problems: string[] = [];

  constructor(
    private readonly browser: Chromium,
    readonly sessionId: string,
  ) {
    browser.onEvent((event) => {
      if (event.sessionId !== sessionId) return;
      const { params } = event;
      if (event.method === 'Network.requestWillBeSent') {
        const { url, method, headers, postData } = params.request!;
        this.requests.push({ requestId: params.requestId!, url, method, headers, postData });
      } else if (event.method === 'Runtime.exceptionThrown') {
        this.problems.push(`exception: ${params.exceptionDetails!.exception?.description ?? params.exceptionDetails!.text}`);
      } else if (event.method === 'Runtime.consoleAPICalled' && (params.type === 'error' || params.type === 'warning')) {
        this.problems.push(
          `console.${params.type}: ${params.args!.map((arg: { value: unknown; description: unknown }) => arg.value ?? arg.description).join(' ')}`,
        );
      } else if (event.method === 'Log.entryAdded' && (params.entry!.level === 'error' || params.entry!.level === 'warning')) {
        this.problems.push(`${params.entry!.source}: ${params.entry!.text} ${params.entry!.url ?? ''}`.trim());
      }
    });
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    return this.browser.send<T>(method, params, this.sessionId);
  }

  /** Goes to `url` and resolves once its load event has fired (deferred scripts have run by then). */
  async open(url: string): Promise<void> {
    const loaded = this.nextEvent('the load event of ' + url, (event) => event.method === 'Page.loadEventFired');
    const { errorText } = await this.send<{ errorText?: string }>('Page.navigate', { url });
    if (errorText) throw new Error(`opening ${url}: ${errorText}`);
    await loaded;
  }

  /** The next event of this page that `matches` accepts. */
  nextEvent(description: string, matches: (event: CdpEvent) => boolean): Promise<CdpEvent> {
    return this.browser.nextEvent(description, (event) => event.sessionId === this.sessionId && matches(event));
  }

  /**
   * The finished response to the next request `matches` accepts: the request, its status and
   * body. Call it before the action that sends the request. One listener follows the request
   * from start to end: its events may arrive in one read.
   */
  async nextResponse(
    description: string,
    matches: (request: Omit<PageRequest, 'requestId'>) => boolean,
  ): Promise<{ request: PageRequest; status: number; body: string }> {
    let requestId: string | null = null;
    let status = 0;
    const done = await this.nextEvent(description, (event) => {
      if (requestId === null) {
        if (event.method === 'Network.requestWillBeSent' && matches(event.params.request!)) requestId = event.params.requestId!;
        return false;
      }
      if (event.params.requestId !== requestId) return false;
      if (event.method === 'Network.responseReceived') status = event.params.response!.status;
      return event.method === 'Network.loadingFinished' || event.method === 'Network.loadingFailed';
    });
    if (done.method === 'Network.loadingFailed') throw new Error(`${description} failed: ${done.params.errorText}`);
    const { body } = await this.send<{ body: string }>('Network.getResponseBody', { requestId });
    return { request: this.requests.find((request) => request.requestId === requestId)!, status, body };
  }

  /** The value of a JavaScript expression in the page (awaited when it is a promise). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{ result: { value: unknown }; exceptionDetails?: CdpExceptionDetails }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
    );
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  }

  /**
   * The first truthy value of `expression`, checked once per animation frame for at most
   * `frames` frames (about ten seconds at 60 frames a second); fails naming what was awaited
   * and the last value seen.
   */
  async waitFor<T>(description: string, expression: string, frames = 600): Promise<T> {
    const last = await this.evaluate<{ value: T | null; seen: unknown }>(`new Promise((resolve) => {
      let left = ${frames};
      const check = () => {
        let value = null;
        try { value = (${expression}); } catch (error) { value = null; }
        if (value || --left <= 0) resolve({ value: value || null, seen: value });
        else requestAnimationFrame(check);
      };
      check();
    })`);
    if (!last.value)
      throw new Error(`${description}: not there after ${frames} animation frames (last seen: ${JSON.stringify(last.seen)})`);
    return last.value;
  }

  /** Types `text` into the focused element, as a keyboard would. */
  insertText(text: string): Promise<void> {
    return this.send<void>('Input.insertText', { text });
  }
}
