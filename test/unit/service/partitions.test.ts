import assert from 'node:assert/strict';
import { test } from 'node:test';
import { controlPlaneEndpoint, defaultEndpoint, resolveEndpoint } from '../../../src/service/endpoints';
import { BedrockRequestError } from '../../../src/service/errors';
import { checkRegion, isAwsRegion } from '../../../src/service/partitions';

test('AWS region names of the three partitions are accepted, anything else is not', () => {
  for (const r of ['us-east-1', 'eu-central-2', 'ap-southeast-7', 'mx-central-1', 'il-central-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1']) assert.ok(isAwsRegion(r), r);
  for (const r of ['', 'us-east', 'US-EAST-1', 'us-east-1 ', 'us-east-1.evil.test', 'evil.test:443/#', 'x@127.0.0.1', 'us_east_1', 'us-east-1/', 'zz-east-1', 'us-east-123', 'us-east-1\n']) assert.ok(!isAwsRegion(r), JSON.stringify(r));
  assert.equal(checkRegion('us-gov-west-1').id, 'aws-us-gov');
  assert.equal(checkRegion('cn-north-1').id, 'aws-cn');
  assert.equal(checkRegion('eu-west-1').id, 'aws');
});

test('default hosts use the partition’s DNS suffixes', () => {
  assert.equal(defaultEndpoint('runtime', 'us-east-1'), 'https://bedrock-runtime.us-east-1.amazonaws.com');
  assert.equal(defaultEndpoint('mantle', 'us-east-1'), 'https://bedrock-mantle.us-east-1.api.aws');
  assert.equal(defaultEndpoint('runtime', 'us-gov-west-1'), 'https://bedrock-runtime.us-gov-west-1.amazonaws.com');
  assert.equal(defaultEndpoint('runtime', 'cn-north-1'), 'https://bedrock-runtime.cn-north-1.amazonaws.com.cn');
  assert.equal(controlPlaneEndpoint('cn-north-1', {}), 'https://bedrock.cn-north-1.amazonaws.com.cn');
  assert.equal(resolveEndpoint('runtime', 'us-east-1', { runtime: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/' }), 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com');
});

test('a refused region is one sentence with Choose Region as the next step', () => {
  assert.throws(() => defaultEndpoint('mantle', 'evil.test:1/#'), (e: unknown) => {
    assert.ok(e instanceof BedrockRequestError);
    assert.deepEqual(e.info.action, { kind: 'choose-region' });
    assert.equal(e.info.kind, 'validation');
    assert.match(e.info.message, /^The bedrock\.region setting "evil\.test:1\/#" is not an AWS region \(such as us-east-1\); nothing is sent until it is one\.$/);
    return true;
  });
});
