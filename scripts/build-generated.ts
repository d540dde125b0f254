import buildGenerated from './shared/build-generated.ts';

buildGenerated();
