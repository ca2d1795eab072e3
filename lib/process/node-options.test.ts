import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_NODE_OPTIONS } from './node-options';

describe('the Node flags of production processes', () => {
  it('are the ones the image sets, so the processes measured are the processes deployed', () => {
    const dockerfile = readFileSync(join(__dirname, '../../Dockerfile'), 'utf8');
    const finalStage = dockerfile.split(/^FROM /m).pop()!;
    expect(/NODE_OPTIONS="?([^"\\\n]*)"?/.exec(finalStage)?.[1].trim()).toBe(
      PRODUCTION_NODE_OPTIONS,
    );
  });
});
