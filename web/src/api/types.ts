// Short names for the generated types, so that pages say `Schema<'Staff'>` rather than reaching into
// openapi.gen.ts.
import type { Inputs, Schemas } from './openapi.gen.ts';

export type Schema<N extends keyof Schemas> = Schemas[N];
export type Input<N extends keyof Inputs> = Inputs[N];
export type { Answer, Body, Query } from './client.ts';
