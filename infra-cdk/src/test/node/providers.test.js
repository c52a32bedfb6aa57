// The CDK app's custom-resource providers (src/main/resources/providers/<name>/index.js), run as
// Lambda runs them, against the local cloud: each source is loaded as the CommonJS module the
// template inlines, its `require` giving the AWS SDK for JavaScript v3 that Lambda's Node.js
// runtime provides (installed here), the SDK pointed at moto by AWS_ENDPOINT_URL, and the
// CloudFormation response PUT to a local server that records it. Each test drives Create, Update
// and Delete as CloudFormation sends them and checks moto for what the provider manages.
// PARLEY_ENDPOINTS names the endpoints file of a running local-env (./parley test sets it).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const endpointsFile = process.env.PARLEY_ENDPOINTS;
if (!endpointsFile) throw new Error('Set PARLEY_ENDPOINTS to the endpoints file of a running local-env');
const endpoints = JSON.parse(readFileSync(endpointsFile, 'utf8'));

// What Lambda's environment gives a provider, with the endpoint override that points the SDK at moto.
Object.assign(process.env, {
  AWS_ENDPOINT_URL: endpoints.awsEndpoint, AWS_REGION: endpoints.region,
  AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing',
});
delete process.env.AWS_PROFILE;

const here = dirname(fileURLToPath(import.meta.url));
const requireSdk = createRequire(import.meta.url);
const sm = requireSdk('@aws-sdk/client-secrets-manager');
const sns = requireSdk('@aws-sdk/client-sns');
const secrets = new sm.SecretsManagerClient({});
const push = new sns.SNSClient({});

/** The provider's index.js as a CommonJS module, as Lambda loads the template's inline code. */
function loadProvider(name) {
  const file = join(here, '..', '..', 'main', 'resources', 'providers', name, 'index.js');
  const module = { exports: {} };
  vm.runInThisContext(Module.wrap(readFileSync(file, 'utf8')), { filename: file })(
    module.exports, requireSdk, module, file, dirname(file));
  return module.exports;
}

/** Where the providers PUT their CloudFormation responses; each test takes the one it caused. */
const responses = [];
let responseServer;
let responseUrl;

before(async () => {
  responseServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      responses.push({ method: request.method, path: request.url, body: JSON.parse(body) });
      response.end();
    });
  });
  await new Promise((resolve) => responseServer.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${responseServer.address().port}`;
});

after(() => new Promise((resolve) => responseServer.close(resolve)));

let requests = 0;

/** Sends one CloudFormation request to the handler and returns the response it PUT for it. */
async function cloudFormation(handler, requestType, { logicalId, physicalId, properties, oldProperties }) {
  const requestId = `request-${++requests}`;
  const event = {
    RequestType: requestType, ResponseURL: `${responseUrl}/${requestId}`, StackId: 'arn:aws:cloudformation:local:000000000000:stack/Parley/1',
    RequestId: requestId, LogicalResourceId: logicalId, ResourceType: 'Custom::Test',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:local:000000000000:function:provider', ...properties },
    ...(physicalId ? { PhysicalResourceId: physicalId } : {}),
    ...(oldProperties ? { OldResourceProperties: oldProperties } : {}),
  };
  const logs = [];
  const log = console.log;
  console.log = (line) => logs.push(line);
  try {
    await handler(event, { logStreamName: '2026/01/01/[$LATEST]test' });
  } finally {
    console.log = log;
  }
  const response = responses.find((r) => r.path === `/${requestId}`);
  assert.ok(response, `the handler PUT its response for ${requestType}`);
  assert.equal(response.method, 'PUT');
  assert.equal(response.body.RequestId, requestId);
  assert.equal(response.body.LogicalResourceId, logicalId);
  return { ...response.body, logs };
}

const unique = (prefix) => `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;

async function platformApplication(arn) {
  try {
    return (await push.send(new sns.GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }))).Attributes;
  } catch (error) {
    if (error.name === 'NotFoundException' || error.name === 'NotFound') return null;
    throw error;
  }
}

async function listedArns() {
  const arns = [];
  let NextToken;
  do {
    const page = await push.send(new sns.ListPlatformApplicationsCommand({ NextToken }));
    arns.push(...(page.PlatformApplications ?? []).map((a) => a.PlatformApplicationArn));
    NextToken = page.NextToken;
  } while (NextToken);
  return arns;
}

describe('push-platform-application: an SNS platform application from a secret', () => {
  const { handler } = loadProvider('push-platform-application');

  test('Create makes the application with the secret\'s values; Update sets new ones; Delete removes it', async () => {
    const secretId = unique('parley/push/fcm');
    await secrets.send(new sm.CreateSecretCommand({ Name: secretId,
      SecretString: JSON.stringify({ serviceAccountJson: '{"type":"service_account","project_id":"one"}' }) }));
    const properties = { Name: unique('parley-fcm'), Platform: 'GCM', SecretId: secretId,
      SecretAttributes: { PlatformCredential: 'serviceAccountJson' } };

    const created = await cloudFormation(handler, 'Create', { logicalId: 'Fcm', properties });
    assert.equal(created.Status, 'SUCCESS', created.Reason);
    const arn = created.PhysicalResourceId;
    assert.match(arn, /^arn:aws:sns:.*:app\/GCM\//);
    assert.deepEqual(created.Data, { PlatformApplicationArn: arn });
    assert.ok((await listedArns()).includes(arn), 'SNS lists the application');
    assert.equal((await platformApplication(arn)).PlatformCredential, '{"type":"service_account","project_id":"one"}');

    await secrets.send(new sm.PutSecretValueCommand({ SecretId: secretId,
      SecretString: JSON.stringify({ serviceAccountJson: '{"type":"service_account","project_id":"two"}' }) }));
    const updated = await cloudFormation(handler, 'Update', { logicalId: 'Fcm', physicalId: arn,
      properties: { ...properties, Rotation: '2' }, oldProperties: properties });
    assert.equal(updated.Status, 'SUCCESS', updated.Reason);
    assert.equal(updated.PhysicalResourceId, arn, 'the same application, its credential replaced');
    assert.equal((await platformApplication(arn)).PlatformCredential, '{"type":"service_account","project_id":"two"}');

    const deleted = await cloudFormation(handler, 'Delete', { logicalId: 'Fcm', physicalId: arn, properties });
    assert.equal(deleted.Status, 'SUCCESS', deleted.Reason);
    assert.equal(deleted.PhysicalResourceId, arn);
    assert.equal(await platformApplication(arn), null, 'gone after Delete');
    assert.ok(!(await listedArns()).includes(arn));
  });

  test('a new Name is a replacement: Update creates a second application and CloudFormation\'s Delete of the old one removes only it', async () => {
    const secretId = unique('parley/push/apns');
    await secrets.send(new sm.CreateSecretCommand({ Name: secretId,
      SecretString: JSON.stringify({ key: '-----BEGIN PRIVATE KEY-----\nMIGT\n-----END PRIVATE KEY-----', keyId: 'ABC123DEFG' }) }));
    const properties = { Name: unique('parley-apns'), Platform: 'APNS_SANDBOX', SecretId: secretId,
      SecretAttributes: { PlatformCredential: 'key', PlatformPrincipal: 'keyId' } };
    const first = await cloudFormation(handler, 'Create', { logicalId: 'Apns', properties });
    assert.equal(first.Status, 'SUCCESS', first.Reason);
    assert.equal((await platformApplication(first.PhysicalResourceId)).PlatformPrincipal, 'ABC123DEFG');

    const renamed = { ...properties, Name: unique('parley-apns-renamed') };
    const second = await cloudFormation(handler, 'Update', { logicalId: 'Apns', physicalId: first.PhysicalResourceId,
      properties: renamed, oldProperties: properties });
    assert.equal(second.Status, 'SUCCESS', second.Reason);
    assert.notEqual(second.PhysicalResourceId, first.PhysicalResourceId);
    assert.ok(await platformApplication(second.PhysicalResourceId));

    const cleanup = await cloudFormation(handler, 'Delete', { logicalId: 'Apns', physicalId: first.PhysicalResourceId, properties });
    assert.equal(cleanup.Status, 'SUCCESS', cleanup.Reason);
    assert.equal(await platformApplication(first.PhysicalResourceId), null);
    assert.ok(await platformApplication(second.PhysicalResourceId), 'the replacement stays');
    await cloudFormation(handler, 'Delete', { logicalId: 'Apns', physicalId: second.PhysicalResourceId, properties: renamed });
    assert.equal(await platformApplication(second.PhysicalResourceId), null);
  });

  test('a secret without the named key fails the deployment with the reason, and creates nothing', async () => {
    const secretId = unique('parley/push/empty');
    await secrets.send(new sm.CreateSecretCommand({ Name: secretId, SecretString: JSON.stringify({ other: 'x' }) }));
    const before = await listedArns();
    const failed = await cloudFormation(handler, 'Create', { logicalId: 'Fcm',
      properties: { Name: unique('parley-fcm'), Platform: 'GCM', SecretId: secretId, SecretAttributes: { PlatformCredential: 'serviceAccountJson' } } });
    assert.equal(failed.Status, 'FAILED');
    assert.match(failed.Reason, new RegExp(`Secret ${secretId} has no text value for key serviceAccountJson \\(see 2026/01/01`));
    assert.deepEqual(failed.Data, {});
    assert.deepEqual(await listedArns(), before);
    assert.equal(JSON.parse(failed.logs[0]).message, 'platform application change failed');
  });

  test('Delete of a resource whose Create failed (no ARN) succeeds without calling SNS', async () => {
    const deleted = await cloudFormation(handler, 'Delete', { logicalId: 'Fcm', physicalId: 'Fcm',
      properties: { Name: 'never-made', Platform: 'GCM', SecretId: 'none', SecretAttributes: {} } });
    assert.equal(deleted.Status, 'SUCCESS', deleted.Reason);
    assert.equal(deleted.PhysicalResourceId, 'Fcm');
  });
});

describe('media-signing-key: the CloudFront signing key pair, its private half in a secret', () => {
  const { handler } = loadProvider('media-signing-key');
  const privateKeyOf = async (secretId) =>
    (await secrets.send(new sm.GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  const signsFor = (privateKeyPem, publicKeyPem) => {
    const data = Buffer.from('https://d111111abcdef8.cloudfront.net/media/c/m/display?Expires=1767225600');
    return crypto.verify('RSA-SHA1', data, publicKeyPem, crypto.sign('RSA-SHA1', data, privateKeyPem));
  };

  test('Create stores a fresh RSA-2048 private key in the secret and returns its public half; Update keeps it; Delete leaves the stack\'s secret', async () => {
    const secretId = unique('parley/media-cdn-key');
    await secrets.send(new sm.CreateSecretCommand({ Name: secretId, Description: 'made by the stack, filled by the provider' }));

    const created = await cloudFormation(handler, 'Create', { logicalId: 'SigningKey', properties: { SecretId: secretId } });
    assert.equal(created.Status, 'SUCCESS', created.Reason);
    const publicKeyPem = created.Data.PublicKeyPem;
    assert.match(publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
    const privateKeyPem = await privateKeyOf(secretId);
    assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    const publicKey = crypto.createPublicKey(publicKeyPem);
    assert.equal(publicKey.asymmetricKeyType, 'rsa');
    assert.equal(publicKey.asymmetricKeyDetails.modulusLength, 2048, 'the size CloudFront requires');
    assert.ok(signsFor(privateKeyPem, publicKeyPem), 'a URL signed with the secret verifies with the public key CloudFront gets');
    const expectedId = 'parley-media-key-' + crypto.createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16);
    assert.equal(created.PhysicalResourceId, expectedId);

    const updated = await cloudFormation(handler, 'Update', { logicalId: 'SigningKey', physicalId: expectedId,
      properties: { SecretId: secretId, Other: 'changed' }, oldProperties: { SecretId: secretId } });
    assert.equal(updated.Status, 'SUCCESS', updated.Reason);
    assert.equal(updated.PhysicalResourceId, expectedId, 'no replacement: signed URLs in flight stay valid');
    assert.equal(updated.Data.PublicKeyPem, publicKeyPem);
    assert.equal(await privateKeyOf(secretId), privateKeyPem);

    const deleted = await cloudFormation(handler, 'Delete', { logicalId: 'SigningKey', physicalId: expectedId,
      properties: { SecretId: secretId } });
    assert.equal(deleted.Status, 'SUCCESS', deleted.Reason);
    assert.equal(deleted.PhysicalResourceId, expectedId);
    assert.equal(await privateKeyOf(secretId), privateKeyPem, 'the secret is the stack\'s own resource: CloudFormation deletes it');
  });

  test('a new secret on Update is a new key pair, with a new physical id so CloudFormation replaces the public key', async () => {
    const first = unique('parley/media-cdn-key');
    const second = unique('parley/media-cdn-key');
    for (const Name of [first, second]) await secrets.send(new sm.CreateSecretCommand({ Name }));
    const created = await cloudFormation(handler, 'Create', { logicalId: 'SigningKey', properties: { SecretId: first } });
    const moved = await cloudFormation(handler, 'Update', { logicalId: 'SigningKey', physicalId: created.PhysicalResourceId,
      properties: { SecretId: second }, oldProperties: { SecretId: first } });
    assert.equal(moved.Status, 'SUCCESS', moved.Reason);
    assert.notEqual(moved.PhysicalResourceId, created.PhysicalResourceId);
    assert.notEqual(moved.Data.PublicKeyPem, created.Data.PublicKeyPem);
    assert.ok(signsFor(await privateKeyOf(second), moved.Data.PublicKeyPem));
  });

  test('a secret that does not exist fails the deployment with the reason', async () => {
    const missing = unique('parley/not-there');
    const failed = await cloudFormation(handler, 'Create', { logicalId: 'SigningKey', properties: { SecretId: missing } });
    assert.equal(failed.Status, 'FAILED');
    assert.match(failed.Reason, /Secrets Manager can't find the specified secret|ResourceNotFound/);
    assert.deepEqual(failed.Data, {});
    assert.equal(JSON.parse(failed.logs[0]).message, 'signing key change failed');
  });
});
