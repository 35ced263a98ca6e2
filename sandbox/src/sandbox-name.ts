/** The name the worker registers its sandbox client under, and the workflow asks for. */
export const SANDBOX_PROVIDER = 'local';
