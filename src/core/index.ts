export * from './offsets.ts';
export * from './labels.ts';
export * from './spans.ts';
export * from './tokens.ts';
export * from './document.ts';
export * from './history.ts';
export * from './ids.ts';
export * from './layout.ts';
