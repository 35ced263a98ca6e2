// Prepended to the workflow bundle's webpack entry by OpenAIAgentsPlugin.
import { installPolyfills } from './polyfills.js';

installPolyfills();
