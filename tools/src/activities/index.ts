// The worker registers every activity of this folder from here.
export { saveImage } from './save-image';
