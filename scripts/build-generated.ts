import buildGenerated from '../test/support/build-generated.ts';

buildGenerated();
