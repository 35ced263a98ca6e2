// The worker loads every workflow of this folder from here.
export { gptOss, vendorModel } from './weather-haiku';
