import assert from 'node:assert/strict';
import { hostedMcpTool as coreHostedMcpTool, type HostedTool, UserError } from '@openai/agents-core';
import * as openai from '@openai/agents-openai';
import { describe, it } from 'vitest';
import {
  type CodeInterpreterToolOptions,
  codeInterpreterTool,
  type FileSearchToolOptions,
  fileSearchTool,
  hostedMcpTool,
  type ImageGenerationToolOptions,
  imageGenerationTool,
  type WebSearchToolOptions,
  webSearchTool,
} from '../../src/workflow/hosted-tools.js';

/** Compares both the in-memory objects and what a model activity would actually receive (JSON). */
function assertSameTool(actual: HostedTool, expected: HostedTool): void {
  assert.deepEqual(actual, expected);
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)));
  assert.equal(actual.type, 'hosted_tool');
}

describe('webSearchTool', () => {
  const cases: Array<[string, WebSearchToolOptions | undefined]> = [
    ['no options', undefined],
    ['empty options', {}],
    ['a name override', { name: 'web_search_preview' }],
    ['a low context size', { searchContextSize: 'low' }],
    [
      'rich options',
      {
        name: 'my_search',
        userLocation: {
          type: 'approximate',
          city: 'Lisbon',
          country: 'PT',
          region: 'Lisboa',
          timezone: 'Europe/Lisbon',
        },
        filters: { allowedDomains: ['temporal.io', 'openai.com'] },
        searchContextSize: 'high',
        externalWebAccess: false,
        searchContentTypes: ['text', 'image'],
        imageSettings: { maxResults: 3, caption: true },
      },
    ],
    ['filters without allowedDomains', { filters: {} }],
    ['null allowedDomains', { filters: { allowedDomains: null } }],
    ['externalWebAccess true only', { externalWebAccess: true }],
    ['imageSettings without fields', { imageSettings: {} }],
  ];

  for (const [label, options] of cases) {
    it(`matches agents-openai with ${label}`, () => {
      assertSameTool(webSearchTool(options), openai.webSearchTool(options));
    });
  }

  it('uses the defaults a model request expects', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(webSearchTool())), {
      type: 'hosted_tool',
      name: 'web_search',
      providerData: { type: 'web_search', name: 'web_search', search_context_size: 'medium' },
    });
  });

  it('maps camelCase options to the Responses API fields', () => {
    const tool = webSearchTool({ name: 'n', filters: { allowedDomains: ['a.com'] }, searchContextSize: 'low' });
    assert.equal(tool.name, 'n');
    assert.deepEqual(tool.providerData?.filters, { allowed_domains: ['a.com'] });
    assert.equal(tool.providerData?.search_context_size, 'low');
  });
});

describe('fileSearchTool', () => {
  const cases: Array<[string, string | string[], FileSearchToolOptions | undefined]> = [
    ['a single id and no options', 'vs_1', undefined],
    ['an id list and empty options', ['vs_1', 'vs_2'], {}],
    ['a name override', 'vs_1', { name: 'docs_search' }],
    ['maxNumResults only', ['vs_1'], { maxNumResults: 5 }],
    [
      'rich options',
      ['vs_a', 'vs_b'],
      {
        name: 'kb',
        maxNumResults: 7,
        includeSearchResults: true,
        rankingOptions: { ranker: 'auto', score_threshold: 0.4 },
        filters: {
          type: 'and',
          filters: [
            { key: 'lang', type: 'eq', value: 'en' },
            { key: 'year', type: 'gte', value: 2023 },
          ],
        },
      },
    ],
    [
      'a comparison filter and includeSearchResults false',
      'vs_1',
      {
        includeSearchResults: false,
        filters: { key: 'tag', type: 'in', value: ['a', 'b'] },
      },
    ],
  ];

  for (const [label, ids, options] of cases) {
    it(`matches agents-openai with ${label}`, () => {
      assertSameTool(fileSearchTool(ids, options), openai.fileSearchTool(ids, options));
    });
  }

  it('wraps a single vector store id in a list', () => {
    assert.deepEqual(fileSearchTool('vs_only').providerData?.vector_store_ids, ['vs_only']);
  });
});

describe('codeInterpreterTool', () => {
  const cases: Array<[string, CodeInterpreterToolOptions | undefined]> = [
    ['no options', undefined],
    ['empty options', {}],
    ['a name override', { name: 'python' }],
    ['a container id', { container: 'cntr_123' }],
    [
      'rich options',
      {
        name: 'ci',
        container: { type: 'auto', file_ids: ['file_1', 'file_2'], memory_limit: '4g' },
        includeOutputs: true,
        allowedCallers: ['direct', 'programmatic'],
      },
    ],
    ['a single allowed caller', { allowedCallers: ['programmatic'] }],
  ];

  for (const [label, options] of cases) {
    it(`matches agents-openai with ${label}`, () => {
      assertSameTool(codeInterpreterTool(options), openai.codeInterpreterTool(options));
    });
  }

  it('defaults the container to auto', () => {
    assert.deepEqual(codeInterpreterTool().providerData?.container, { type: 'auto' });
  });

  it('copies allowedCallers rather than sharing the caller array', () => {
    const callers: ['direct', 'programmatic'] = ['direct', 'programmatic'];
    const tool = codeInterpreterTool({ allowedCallers: callers });
    assert.notEqual(tool.providerData?.allowed_callers, callers);
    assert.deepEqual(tool.providerData?.allowed_callers, callers);
  });

  // agents-openai validates allowedCallers (normalizeToolAllowedCallers) and throws a UserError for
  // duplicates; the workflow-safe builder should reject the same type-valid input rather than
  // building a tool the Responses API will reject later.
  it('rejects duplicate allowedCallers like agents-openai', () => {
    const options: CodeInterpreterToolOptions = { allowedCallers: ['direct', 'direct'] };
    assert.throws(() => openai.codeInterpreterTool(options), UserError);
    assert.throws(() => codeInterpreterTool(options), UserError);
  });
});

describe('imageGenerationTool', () => {
  const cases: Array<[string, ImageGenerationToolOptions | undefined]> = [
    ['no options', undefined],
    ['empty options', {}],
    ['a name override', { name: 'draw' }],
    ['quality and size', { quality: 'high', size: '1024x1536' }],
    [
      'rich options',
      {
        name: 'painter',
        action: 'generate',
        background: 'transparent',
        inputFidelity: 'high',
        inputImageMask: { file_id: 'file_mask' },
        model: 'gpt-image-1',
        moderation: 'low',
        outputCompression: 80,
        outputFormat: 'webp',
        partialImages: 2,
        quality: 'medium',
        size: '1536x1024',
      },
    ],
    ['a null inputFidelity', { inputFidelity: null, outputFormat: 'png' }],
  ];

  for (const [label, options] of cases) {
    it(`matches agents-openai with ${label}`, () => {
      assertSameTool(imageGenerationTool(options), openai.imageGenerationTool(options));
    });
  }

  it('maps camelCase options to the Responses API fields', () => {
    const data = imageGenerationTool({ outputCompression: 50, partialImages: 1 }).providerData;
    assert.equal(data?.output_compression, 50);
    assert.equal(data?.partial_images, 1);
    assert.equal(data?.type, 'image_generation');
  });
});

describe('hostedMcpTool', () => {
  it('is the agents-core builder', () => {
    assert.equal(hostedMcpTool, coreHostedMcpTool);
  });

  it('builds the same tool as agents-core', () => {
    const options = { serverLabel: 'docs', serverUrl: 'https://example.com/mcp' };
    assert.deepEqual(hostedMcpTool(options), coreHostedMcpTool(options));
    assert.equal(hostedMcpTool(options).type, 'hosted_tool');
  });
});
