const crypto = require('crypto');
const sm = require('@aws-sdk/client-secrets-manager');
const client = new sm.SecretsManagerClient({});

function keyId(publicKeyPem) {
  return 'parley-media-key-' + crypto.createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16);
}

async function apply(event) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') {
    return { id: event.PhysicalResourceId, data: {} };
  }
  if (event.RequestType === 'Update' && event.OldResourceProperties.SecretId === p.SecretId) {
    const stored = await client.send(new sm.GetSecretValueCommand({ SecretId: p.SecretId }));
    const publicKeyPem = crypto.createPublicKey(stored.SecretString).export({ type: 'spki', format: 'pem' });
    return { id: event.PhysicalResourceId, data: { PublicKeyPem: publicKeyPem } };
  }
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  await client.send(new sm.PutSecretValueCommand({ SecretId: p.SecretId, SecretString: pair.privateKey }));
  return { id: keyId(pair.publicKey), data: { PublicKeyPem: pair.publicKey } };
}

exports.handler = async (event, context) => {
  let status = 'SUCCESS';
  let reason = 'OK';
  let result = { id: event.PhysicalResourceId || event.LogicalResourceId, data: {} };
  try {
    result = await apply(event);
  } catch (e) {
    status = 'FAILED';
    reason = String(e && e.message || e).slice(0, 400) + ' (see ' + context.logStreamName + ')';
    console.log(JSON.stringify({ message: 'signing key change failed',
      requestType: event.RequestType, resource: event.LogicalResourceId, error: reason }));
  }
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: result.id, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
    Data: status === 'SUCCESS' ? result.data : {},
  });
  await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
};
