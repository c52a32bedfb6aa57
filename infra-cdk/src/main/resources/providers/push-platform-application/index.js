const sns = require('@aws-sdk/client-sns');
const sm = require('@aws-sdk/client-secrets-manager');
const snsClient = new sns.SNSClient({});
const smClient = new sm.SecretsManagerClient({});

async function attributes(p) {
  const out = await smClient.send(new sm.GetSecretValueCommand({ SecretId: p.SecretId }));
  const secret = JSON.parse(out.SecretString);
  const result = {};
  for (const [attribute, key] of Object.entries(p.SecretAttributes)) {
    if (typeof secret[key] !== 'string' || secret[key] === '') {
      throw new Error('Secret ' + p.SecretId + ' has no text value for key ' + key);
    }
    result[attribute] = secret[key];
  }
  return result;
}

async function apply(event) {
  const p = event.ResourceProperties;
  const id = event.PhysicalResourceId;
  if (event.RequestType === 'Delete') {
    if (id && id.startsWith('arn:')) {
      await snsClient.send(new sns.DeletePlatformApplicationCommand({ PlatformApplicationArn: id }));
    }
    return id;
  }
  const old = event.OldResourceProperties;
  if (event.RequestType === 'Update' && old.Name === p.Name && old.Platform === p.Platform) {
    await snsClient.send(new sns.SetPlatformApplicationAttributesCommand({
      PlatformApplicationArn: id, Attributes: await attributes(p) }));
    return id;
  }
  const created = await snsClient.send(new sns.CreatePlatformApplicationCommand({
    Name: p.Name, Platform: p.Platform, Attributes: await attributes(p) }));
  return created.PlatformApplicationArn;
}

exports.handler = async (event, context) => {
  let status = 'SUCCESS';
  let reason = 'OK';
  let id = event.PhysicalResourceId || event.LogicalResourceId;
  try {
    id = await apply(event);
  } catch (e) {
    status = 'FAILED';
    reason = String(e && e.message || e).slice(0, 400) + ' (see ' + context.logStreamName + ')';
    console.log(JSON.stringify({ message: 'platform application change failed',
      requestType: event.RequestType, resource: event.LogicalResourceId, error: reason }));
  }
  const body = JSON.stringify({
    Status: status, Reason: reason, PhysicalResourceId: id, StackId: event.StackId,
    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId,
    Data: status === 'SUCCESS' ? { PlatformApplicationArn: id } : {},
  });
  await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
};
