// The worker loads every workflow of this folder from here.
export { streamItems } from './stream-items';
export { streamText } from './stream-text';
