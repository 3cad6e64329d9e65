export * from './types.ts';
export * from './verify.ts';
export * from './doccano.ts';
export * from './brat.ts';
export * from './registry.ts';
export * from './dataset.ts';
export * from './zip.ts';
