import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import type { LanguageModelV4 } from '@ai-sdk/provider';

export interface Vendor {
  /** Where the vendor's AI SDK provider reads its API key. */
  apiKeyVariable: string;
  languageModel: (modelId: string) => LanguageModelV4;
}

/** The vendors a `vendor/model` name can pick. Add one with its `@ai-sdk/*` package. */
export function vendors(): Record<string, Vendor> {
  const anthropic = createAnthropic();
  const google = createGoogleGenerativeAI();
  return {
    anthropic: { apiKeyVariable: 'ANTHROPIC_API_KEY', languageModel: (modelId) => anthropic.languageModel(modelId) },
    google: {
      apiKeyVariable: 'GOOGLE_GENERATIVE_AI_API_KEY',
      languageModel: (modelId) => google.languageModel(modelId),
    },
  };
}
