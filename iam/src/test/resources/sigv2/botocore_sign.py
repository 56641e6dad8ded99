# Signs requests with botocore's own Signature V2 signers (HmacV1Auth, HmacV1QueryAuth) for SigV2VerifierTest.
# argv[1]: JSON list of {"method", "url", "headers": [[name, value], ...], "query": bool, "token": str|null};
# prints a JSON list of {"url", "headers": [[name, value], ...]} as botocore would send them.
import json
import sys

from botocore.auth import HmacV1Auth, HmacV1QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

out = []
for case in json.loads(sys.argv[1]):
    credentials = Credentials(case["accessKey"], case["secretKey"], case.get("token"))
    request = AWSRequest(method=case["method"], url=case["url"])
    for name, value in case["headers"]:
        request.headers[name] = value
    signer = HmacV1QueryAuth(credentials, expires=300) if case["query"] else HmacV1Auth(credentials)
    signer.add_auth(request)
    out.append({"url": request.url, "headers": [[k, v] for k, v in request.headers.items()]})
print(json.dumps(out))
