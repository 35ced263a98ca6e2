// The worker loads this folder's workflow from here.
export { customerService } from './customer-service';
