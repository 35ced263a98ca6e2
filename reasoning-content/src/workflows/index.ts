// The worker loads every workflow of this folder from here.
export { reasoningContent } from './reasoning-content';
