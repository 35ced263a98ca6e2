/**
 * Workflow-safe builders for OpenAI's hosted tools: what `webSearchTool` and the others from
 * `@openai/agents` / `@openai/agents-openai` are in workflow code (see openai-agents.ts). The real
 * packages cannot load in the workflow sandbox (they pull in the `openai` client), so these build the
 * same plain `{ type: 'hosted_tool', name, providerData }` objects here; the model activity's OpenAI
 * provider turns them into Responses API tools. Unit tests check them against agents-openai's.
 */
import { attachClientToolSearchExecutor, type HostedTool, UserError } from '@openai/agents-core';
import type {
  codeInterpreterTool as openaiCodeInterpreterTool,
  fileSearchTool as openaiFileSearchTool,
  imageGenerationTool as openaiImageGenerationTool,
  toolSearchTool as openaiToolSearchTool,
  webSearchTool as openaiWebSearchTool,
} from '@openai/agents-openai';
import { normalizeToolAllowedCallers } from '../common/agents-core-adapter.js';

export { hostedMcpTool } from '@openai/agents-core';

export type WebSearchToolOptions = NonNullable<Parameters<typeof openaiWebSearchTool>[0]>;
export type FileSearchToolOptions = NonNullable<Parameters<typeof openaiFileSearchTool>[1]>;
export type CodeInterpreterToolOptions = NonNullable<Parameters<typeof openaiCodeInterpreterTool>[0]>;
export type ImageGenerationToolOptions = NonNullable<Parameters<typeof openaiImageGenerationTool>[0]>;
export type ToolSearchToolOptions = NonNullable<Parameters<typeof openaiToolSearchTool>[0]>;

function hosted(name: string, providerData: Record<string, unknown>): HostedTool {
  return { type: 'hosted_tool', name, providerData };
}

export function webSearchTool(options: WebSearchToolOptions = {}): HostedTool {
  const name = options.name ?? 'web_search';
  const data: Record<string, unknown> = {
    type: 'web_search',
    name,
    user_location: options.userLocation,
    filters: options.filters?.allowedDomains ? { allowed_domains: options.filters.allowedDomains } : undefined,
    search_context_size: options.searchContextSize ?? 'medium',
  };
  if (options.externalWebAccess !== undefined) data.external_web_access = options.externalWebAccess;
  if (options.searchContentTypes !== undefined) data.search_content_types = options.searchContentTypes;
  if (options.imageSettings !== undefined) {
    data.image_settings = {
      max_results: options.imageSettings.maxResults,
      caption: options.imageSettings.caption,
    };
  }
  return hosted(name, data);
}

export function fileSearchTool(vectorStoreIds: string | string[], options: FileSearchToolOptions = {}): HostedTool {
  const name = options.name ?? 'file_search';
  return hosted(name, {
    type: 'file_search',
    name,
    vector_store_ids: Array.isArray(vectorStoreIds) ? vectorStoreIds : [vectorStoreIds],
    max_num_results: options.maxNumResults,
    include_search_results: options.includeSearchResults,
    ranking_options: options.rankingOptions,
    filters: options.filters,
  });
}

export function codeInterpreterTool(options: CodeInterpreterToolOptions = {}): HostedTool {
  const name = options.name ?? 'code_interpreter';
  const callers = normalizeToolAllowedCallers(options.allowedCallers, name);
  return hosted(name, {
    type: 'code_interpreter',
    name,
    container: options.container ?? { type: 'auto' },
    include_outputs: options.includeOutputs,
    allowed_callers: callers ? [...callers] : undefined,
  });
}

export function imageGenerationTool(options: ImageGenerationToolOptions = {}): HostedTool {
  const name = options.name ?? 'image_generation';
  return hosted(name, {
    type: 'image_generation',
    name,
    action: options.action,
    background: options.background,
    input_fidelity: options.inputFidelity,
    input_image_mask: options.inputImageMask,
    model: options.model,
    moderation: options.moderation,
    output_compression: options.outputCompression,
    output_format: options.outputFormat,
    partial_images: options.partialImages,
    quality: options.quality,
    size: options.size,
  });
}

export function programmaticToolCallingTool(): HostedTool {
  return hosted('programmatic_tool_calling', { type: 'programmatic_tool_calling' });
}

export function toolSearchTool(options: ToolSearchToolOptions = {}): HostedTool {
  if (typeof options.name === 'string' && options.name !== 'tool_search') {
    throw new UserError('toolSearchTool() only supports the canonical built-in name "tool_search".');
  }
  if (typeof options.execute === 'function' && options.execution !== 'client') {
    throw new UserError('toolSearchTool() only supports execute when execution is "client".');
  }
  const tool = hosted('tool_search', {
    type: 'tool_search',
    name: 'tool_search',
    execution: options.execution,
    description: options.description,
    parameters: options.parameters,
  });
  // A client-executed search runs in the agent loop, here in the workflow, like a function tool.
  if (typeof options.execute === 'function') attachClientToolSearchExecutor(tool, options.execute);
  return tool;
}
