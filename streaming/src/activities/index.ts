// The worker registers every activity of this folder from here.
export { howManyJokes } from './how-many-jokes';
