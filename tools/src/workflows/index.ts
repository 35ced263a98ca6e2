// The worker loads every workflow of this folder from here.
export { codeInterpreter } from './code-interpreter';
export { fileSearch } from './file-search';
export { imageGeneration } from './image-generation';
export { nexusWeather } from './nexus-weather';
export { webSearch } from './web-search';
