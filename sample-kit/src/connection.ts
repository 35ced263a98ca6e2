/**
 * Where Temporal is, from Temporal's standard environment configuration (@temporalio/envconfig):
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_*, and profiles of a TOML
 * config file (TEMPORAL_CONFIG_FILE, default ~/.config/temporalio/temporal.toml; TEMPORAL_PROFILE).
 * The same settings reach the worker's NativeConnection and the launcher's Client, so samples run
 * against the dev server, a self-hosted cluster or Temporal Cloud unchanged.
 */
import { connect } from 'node:net';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { type ClientConfigProfile, loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { isVerbose, loadSampleEnv } from './env.js';
import { exitAfterFailure } from './terminal.js';

/** The dev server's address (`pnpm temporal`), used when neither the environment nor a profile names one. */
export const DEV_SERVER_ADDRESS = 'localhost:7233';
const DEFAULT_NAMESPACE = 'default';
const LOCAL_ADDRESS = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** How a sample reaches Temporal. */
export interface TemporalConnectConfig {
  address: string;
  namespace: string;
  /** Options for `NativeConnection.connect` (worker) and, through clientConnectionOptions, `Connection.connect`. */
  connectionOptions: NativeConnectionOptions & { address: string };
  /** The config-file profile in use, when one was asked for by TEMPORAL_PROFILE. */
  profile: string | undefined;
}

/** A failure a sample can explain in a few lines; the helpers print its message alone, without a stack. */
export class SampleSetupError extends Error {
  override name = 'SampleSetupError';
}

/**
 * Reads the connection settings: `.env` first (see loadSampleEnv), then envconfig's file profile
 * overlaid with TEMPORAL_* variables; the dev server's address and the `default` namespace fill gaps.
 */
export function temporalConnectConfig(options: { configFile?: string; profile?: string } = {}): TemporalConnectConfig {
  loadSampleEnv();
  let profile: ClientConfigProfile;
  const profileName = options.profile ?? process.env.TEMPORAL_PROFILE;
  try {
    profile = loadClientConfigProfile({
      ...(profileName ? { profile: profileName } : {}),
      ...(options.configFile ? { configSource: { path: options.configFile } } : {}),
    });
  } catch (error) {
    const file = options.configFile ?? process.env.TEMPORAL_CONFIG_FILE ?? '~/.config/temporalio/temporal.toml';
    throw new SampleSetupError(
      `Could not read the Temporal connection settings (config file ${file}${profileName ? `, profile ${profileName}` : ''}): ` +
        `${error instanceof Error ? error.message : String(error)}.\n` +
        'Fix the file, or unset TEMPORAL_PROFILE / TEMPORAL_CONFIG_FILE to use TEMPORAL_ADDRESS (default localhost:7233).',
    );
  }
  const { namespace, connectionOptions } = toClientOptions(profile);
  const address = connectionOptions.address || DEV_SERVER_ADDRESS;
  return {
    address,
    namespace: namespace || DEFAULT_NAMESPACE,
    connectionOptions: { ...connectionOptions, address },
    profile: profileName,
  };
}

/** TEMPORAL_ADDRESS, a profile's address, or the dev server's. */
export function temporalAddress(): string {
  return temporalConnectConfig().address;
}

export function temporalNamespace(): string {
  return temporalConnectConfig().namespace;
}

/** The same settings in the shape `Connection.connect` (the client side) takes. */
export function clientConnectionOptions(config: TemporalConnectConfig): ConnectionOptions {
  const { address, tls, apiKey, metadata } = config.connectionOptions;
  const options: ConnectionOptions = { address };
  if (tls !== undefined && tls !== null) options.tls = tls;
  if (apiKey !== undefined) options.apiKey = apiKey;
  if (metadata) options.metadata = metadata;
  return options;
}

/**
 * Why nothing answers at a `host:port`, found with one TCP connection in at most `timeoutMs`;
 * undefined when something listens. Lets a sample report a stopped server at once, where a gRPC
 * connect would retry until its deadline.
 */
export async function unreachableReason(address: string, timeoutMs = 3_000): Promise<string | undefined> {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  const host = match?.[1] ?? address;
  const port = Number(match?.[2] ?? 7233);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (reason: string | undefined) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs / 1000} s`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') done('connection refused: nothing listens there');
      else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') done(`host ${host} not found`);
      else done(error.message);
    });
  });
}

/** What to say when Temporal cannot be reached: the address and how to fix it. */
export function connectionFailureMessage(config: TemporalConnectConfig, cause: unknown): string {
  const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  const local = LOCAL_ADDRESS.test(config.address);
  return [
    `Cannot reach Temporal at ${config.address} (namespace ${config.namespace}${config.profile ? `, profile ${config.profile}` : ''}): ${reason}`,
    local
      ? '  Fix: start the dev server in another terminal with `pnpm temporal` (after `source scripts/activate`),'
      : '  Fix: check that the server is up and reachable from here,',
    '  or point the samples at your server with TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY',
    '  (in the environment or .env; see .env.example), or a profile with TEMPORAL_PROFILE.',
  ].join('\n');
}

/** What to say when the namespace does not exist on the server. */
export function namespaceMissingMessage(config: TemporalConnectConfig): string {
  return (
    `The namespace ${config.namespace} does not exist on ${config.address}.\n` +
    `  Fix: create it (temporal operator namespace create --namespace ${config.namespace}), ` +
    'or set TEMPORAL_NAMESPACE to one that exists.'
  );
}

/** Whether an error from the server says the namespace does not exist. */
export function isNamespaceNotFound(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /namespace/i.test(message) && /not found/i.test(message);
}

let clientPromise: Promise<Client> | undefined;

/**
 * A Client for the server the environment names (after loading `.env`), connected once per process.
 * When the server cannot be reached or the namespace does not exist, prints what to fix and exits 1
 * within seconds (with --verbose, throws the error instead).
 */
export function connectClient(): Promise<Client> {
  clientPromise ??= (async () => {
    const config = temporalConnectConfig();
    const unreachable = await unreachableReason(config.address);
    if (unreachable) throw new SampleSetupError(connectionFailureMessage(config, unreachable));
    let client: Client;
    try {
      const connection = await Connection.connect({ ...clientConnectionOptions(config), connectTimeout: '5s' });
      client = new Client({ connection, namespace: config.namespace });
    } catch (error) {
      throw new SampleSetupError(connectionFailureMessage(config, error));
    }
    // Checked here, so a missing namespace is one clear message rather than the first call's error.
    await client.workflowService.describeNamespace({ namespace: config.namespace }).catch((error: unknown) => {
      throw isNamespaceNotFound(error) ? new SampleSetupError(namespaceMissingMessage(config)) : error;
    });
    return client;
  })().catch((error: unknown) => {
    if (error instanceof SampleSetupError && !isVerbose()) {
      console.error(error.message);
      exitAfterFailure();
    }
    throw error;
  });
  return clientPromise;
}

/**
 * The Temporal UI's address. TEMPORAL_UI_URL if set; Temporal Cloud's UI for a Cloud address
 * (`*.tmprl.cloud`, `*.api.temporal.io`); for a server on this machine, the dev server's UI (its gRPC port + 1000, so
 * http://localhost:8233 for `pnpm temporal`); else port 8080 of the server's host, where a
 * self-hosted cluster's UI usually is.
 */
export function temporalUiBaseUrl(config: TemporalConnectConfig = temporalConnectConfig()): string {
  if (process.env.TEMPORAL_UI_URL) return process.env.TEMPORAL_UI_URL.replace(/\/$/, '');
  if (/\.(tmprl\.cloud|api\.temporal\.io)(:\d+)?$/.test(config.address)) return 'https://cloud.temporal.io';
  const [, host = 'localhost', port = '7233'] = /^(.*?)(?::(\d+))?$/.exec(config.address) ?? [];
  if (!LOCAL_ADDRESS.test(config.address)) return `http://${host}:8080`;
  return `http://localhost:${Number(port) + 1000}`;
}

/** The Temporal UI page of one run (see temporalUiBaseUrl). */
export function workflowUiUrl(run: { workflowId: string; firstExecutionRunId?: string; runId?: string }): string {
  const config = temporalConnectConfig();
  const runId = run.firstExecutionRunId ?? run.runId ?? '';
  const parts = [config.namespace, run.workflowId, runId].map(encodeURIComponent);
  return `${temporalUiBaseUrl(config)}/namespaces/${parts[0]}/workflows/${parts[1]}/${parts[2]}/history`;
}
