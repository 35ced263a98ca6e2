// The worker loads every workflow of this folder from here.
export { messageFilter } from './message-filter';
