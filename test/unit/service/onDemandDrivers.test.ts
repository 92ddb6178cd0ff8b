import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_STYLES } from '../../../src/service/model';
import { DRIVER_FAMILIES, onDemandDrivers } from '../../../src/service/drivers/onDemand';
import { allDrivers } from '../../../src/service/drivers/registry';

test('the on-demand drivers claim exactly the styles and families of the real drivers', () => {
  const real = Object.fromEntries(allDrivers().map(d => [d.style, [...d.families]]));
  assert.deepEqual(Object.fromEntries(Object.entries(DRIVER_FAMILIES).map(([s, f]) => [s, [...f]])), real);
  assert.deepEqual(onDemandDrivers().map(d => d.style).sort(), [...API_STYLES].sort());
});
