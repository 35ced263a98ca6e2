// The worker loads every workflow of this folder from here.
export { approvalHostedMcp } from './approval';
export { simpleHostedMcp } from './simple';
