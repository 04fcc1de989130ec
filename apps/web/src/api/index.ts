export { createApi, unwrap, type Api } from './client';
export { ApiProblem, describeProblem, type ProblemText } from './problem';
export type { components, paths } from './schema';
export { Session, type SessionStatus, type Tokens } from './session';

import type { components } from './schema';
export type Schemas = components['schemas'];
