// The worker loads this folder's workflow from here.
export { researchBot } from './research-bot';
