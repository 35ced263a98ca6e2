export { localSandbox } from './local-sandbox';
