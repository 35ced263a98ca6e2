// The worker loads every workflow of this folder from here.
export { helloWorld } from './hello-world';
export { tools } from './tools';
