import { packageTestConfig } from '../vitest.defaults.ts';

export default packageTestConfig(import.meta.dirname);
