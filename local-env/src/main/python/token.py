"""Prints a fresh Cognito access token for a demo user of the running local-env.

Usage: python3 local-env/src/main/python/token.py <user>     (./parley token <user>)

Reads local-env/target/endpoints.json (or $PARLEY_ENDPOINTS), which ./parley local writes once
it is ready, and signs in with USER_PASSWORD_AUTH against the local Cognito (moto). A user with
"mfa": "TOTP" (dave) gets a SOFTWARE_TOKEN_MFA challenge, answered with RespondToAuthChallenge and
the RFC 6238 code of the user's "totpSecret" (moto's fixed secret; see docs/local-env.md). Standard
library only, so it runs without the project's virtual environment.
"""

import os
import sys

# This file is named like the standard library's `token` module; keep its directory off the
# import path so that no standard module imports this script by mistake.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

import base64  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import json  # noqa: E402
import struct  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402

DEFAULT_ENDPOINTS = os.path.join(_HERE, os.pardir, os.pardir, os.pardir, "target", "endpoints.json")
NOT_RUNNING = "local-env is not running: start it with ./parley local"


class TokenError(Exception):
    """A failure the user can act on; the message says how."""


def load_endpoints(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        raise TokenError(f"{NOT_RUNNING} (no {os.path.normpath(path)})") from None
    except json.JSONDecodeError as e:
        raise TokenError(f"{os.path.normpath(path)} is not valid JSON ({e}); restart ./parley local") from None


def find_user(endpoints, name):
    users = endpoints.get("demoUsers", [])
    for user in users:
        # Accept the sign-in name, or the short name when the pool signs in by email.
        if name in (user["username"], user["username"].split("@")[0]):
            return user
    known = ", ".join(user["username"] for user in users) or "none"
    raise TokenError(f"unknown user '{name}'; the demo users are: {known}")


def totp_code(secret, now=None):
    """RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits, the secret in unpadded base32."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    step = int((time.time() if now is None else now) // 30)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def fresh_totp_code(secret):
    # moto accepts only the current step's code: do not send one that expires within two seconds.
    left = 30 - time.time() % 30
    if left < 2:
        time.sleep(left + 0.05)
    return totp_code(secret)


def call_cognito(endpoints, user, operation, payload):
    request = urllib.request.Request(
        endpoints["awsEndpoint"].rstrip("/") + "/",
        data=json.dumps(payload).encode(),
        method="POST",
        headers={
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        error = json.loads(e.read() or b"{}")
        kind = error.get("__type", f"HTTP {e.code}").split("#")[-1]
        raise TokenError(f"Cognito refused {user['username']}: {kind}: {error.get('message', '')}".rstrip(": ")) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
        raise TokenError(f"{NOT_RUNNING} (nothing answers at {endpoints['awsEndpoint']}: {e})") from None


def initiate_auth(endpoints, user):
    result = call_cognito(endpoints, user, "InitiateAuth", {
        "AuthFlow": "USER_PASSWORD_AUTH",
        "ClientId": endpoints["userPoolClientId"],
        "AuthParameters": {"USERNAME": user["username"], "PASSWORD": user["password"]},
    })
    if result.get("ChallengeName") == "SOFTWARE_TOKEN_MFA" and user.get("totpSecret"):
        result = call_cognito(endpoints, user, "RespondToAuthChallenge", {
            "ChallengeName": "SOFTWARE_TOKEN_MFA",
            "ClientId": endpoints["userPoolClientId"],
            "Session": result["Session"],
            "ChallengeResponses": {
                "USERNAME": user["username"],
                "SOFTWARE_TOKEN_MFA_CODE": fresh_totp_code(user["totpSecret"]),
            },
        })
    token = result.get("AuthenticationResult", {}).get("AccessToken")
    if not token:
        raise TokenError(f"Cognito answered with a challenge instead of a token: {result.get('ChallengeName')}")
    return token


def main(argv):
    if len(argv) != 1:
        print("usage: token.py <user>", file=sys.stderr)
        return 2
    try:
        endpoints = load_endpoints(os.environ.get("PARLEY_ENDPOINTS", DEFAULT_ENDPOINTS))
        print(initiate_auth(endpoints, find_user(endpoints, argv[0])))
        return 0
    except TokenError as e:
        print(f"token: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
