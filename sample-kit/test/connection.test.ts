// Where samples take their settings from: `.env` files (the sample folder's, then the repo root's;
// the real environment wins) and Temporal's environment configuration (TEMPORAL_* variables and
// profiles of a TOML config file) for both the worker's and the launcher's connection.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useAgentsTestEnvironment } from 'openai-agents-temporal/testing';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { clientConnectionOptions, connectClient, temporalConnectConfig, workflowUiUrl } from '../src/connection.js';
import { freshNamespace, sampleEnv, tsxBin } from './processes.js';

const testEnv = useAgentsTestEnvironment({ beforeAll, afterAll });
const envModule = fileURLToPath(new URL('../src/env.ts', import.meta.url));

describe('.env files', () => {
  it("load the sample folder's first, then the repo root's, and never override the real environment", () => {
    const root = mkdtempSync(join(tmpdir(), 'samples-dotenv-'));
    const folder = join(root, 'my-sample');
    mkdirSync(join(folder, 'src'), { recursive: true });
    writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - my-sample\n');
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'my-sample', type: 'module' }));
    writeFileSync(join(root, '.env'), 'FROM_ROOT=root\nIN_BOTH=root\nSET_OUTSIDE=root\n');
    writeFileSync(join(folder, '.env'), 'FROM_FOLDER=folder\nIN_BOTH=folder\nSET_OUTSIDE=folder\n');
    const script = join(folder, 'src', 'print-env.ts');
    writeFileSync(
      script,
      `import { loadSampleEnv } from ${JSON.stringify(envModule)};\n` +
        'const files = loadSampleEnv();\n' +
        "const names = ['FROM_ROOT', 'FROM_FOLDER', 'IN_BOTH', 'SET_OUTSIDE'];\n" +
        'console.log(JSON.stringify({ files, values: Object.fromEntries(names.map((n) => [n, process.env[n]])) }));\n',
    );
    // Run from elsewhere: the files are found from the script's folder, not the working directory.
    const output = execFileSync(tsxBin, [script], { cwd: tmpdir(), env: sampleEnv({ SET_OUTSIDE: 'shell' }) });
    const { files, values } = JSON.parse(output.toString()) as { files: string[]; values: Record<string, string> };
    assert.deepEqual(files, [join(folder, '.env'), join(root, '.env')]);
    assert.deepEqual(values, { FROM_ROOT: 'root', FROM_FOLDER: 'folder', IN_BOTH: 'folder', SET_OUTSIDE: 'shell' });
  });
});

describe('the Temporal connection', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of Object.keys(process.env))
      if (/^TEMPORAL_/.test(name) && !(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('comes from a profile of a TOML config file (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE) for worker and client', async () => {
    const namespace = await freshNamespace(testEnv().client, 'samples-profile');
    const address = testEnv().env.address;
    const file = join(mkdtempSync(join(tmpdir(), 'samples-profile-')), 'temporal.toml');
    writeFileSync(
      file,
      [
        '[profile.default]',
        'address = "127.0.0.1:9"',
        '',
        '[profile.samples]',
        `address = "${address}"`,
        `namespace = "${namespace}"`,
        '',
        '[profile.cloud]',
        'address = "my-ns.a1b2c.tmprl.cloud:7233"',
        'namespace = "my-ns.a1b2c"',
        'api_key = "key-from-profile"',
        '',
      ].join('\n'),
    );
    for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_API_KEY']) delete process.env[name];
    process.env.TEMPORAL_CONFIG_FILE = file;
    process.env.TEMPORAL_PROFILE = 'samples';

    const config = temporalConnectConfig();
    assert.equal(config.address, address);
    assert.equal(config.namespace, namespace);
    assert.equal(config.profile, 'samples');
    // The worker's NativeConnection options and the launcher's Connection options carry the profile's address.
    assert.equal(config.connectionOptions.address, address);
    assert.equal(clientConnectionOptions(config).address, address);

    // The launcher's client really reaches that server and namespace.
    const client = await connectClient();
    assert.equal(client.options.namespace, namespace);
    const described = await client.workflowService.describeNamespace({ namespace });
    assert.equal(described.namespaceInfo?.name, namespace);

    // An API key turns TLS on, as Temporal Cloud needs; the UI link goes to Cloud's UI.
    const cloud = temporalConnectConfig({ profile: 'cloud' });
    assert.equal(cloud.connectionOptions.apiKey, 'key-from-profile');
    assert.equal(cloud.connectionOptions.tls, true);
    assert.deepEqual(clientConnectionOptions(cloud), {
      address: 'my-ns.a1b2c.tmprl.cloud:7233',
      apiKey: 'key-from-profile',
      tls: true,
    });
    process.env.TEMPORAL_PROFILE = 'cloud';
    assert.equal(
      workflowUiUrl({ workflowId: 'hello-world-1', runId: 'r1' }),
      'https://cloud.temporal.io/namespaces/my-ns.a1b2c/workflows/hello-world-1/r1/history',
    );
  });

  it('takes TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE over the profile, and names a missing profile', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'samples-profile-')), 'temporal.toml');
    writeFileSync(file, '[profile.default]\naddress = "profile-host:7233"\nnamespace = "from-profile"\n');
    process.env.TEMPORAL_CONFIG_FILE = file;
    delete process.env.TEMPORAL_PROFILE;
    process.env.TEMPORAL_ADDRESS = 'env-host:7233';
    delete process.env.TEMPORAL_NAMESPACE;
    const config = temporalConnectConfig();
    assert.equal(config.address, 'env-host:7233');
    assert.equal(config.namespace, 'from-profile');

    process.env.TEMPORAL_PROFILE = 'nowhere';
    assert.throws(() => temporalConnectConfig(), /profile nowhere.*Profile 'nowhere' not found/s);
  });
});
