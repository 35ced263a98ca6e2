// The worker loads this folder's workflow from here.
export { financialResearch } from './financial-research';
