"""Signature V2 clients against a Granary endpoint, for SigV2IT.

argv: endpoint bucket key. Puts and reads back an object with boto3 signing every request in the old
header form (signature_version='s3', botocore's HmacV1Auth), then prints one JSON line of presigned URLs
made by boto3's defaults, which are SigV2 query URLs against a custom endpoint.
"""
import json
import sys

import boto3
from botocore.config import Config

endpoint, bucket, key = sys.argv[1], sys.argv[2], sys.argv[3]
body = b"signed the old way\n" * 100

v2 = boto3.client("s3", endpoint_url=endpoint,
                  config=Config(signature_version="s3", s3={"addressing_style": "path"}))
v2.put_object(Bucket=bucket, Key=key, Body=body, ContentType="text/plain", Metadata={"color": "blue"})
got = v2.get_object(Bucket=bucket, Key=key)
assert got["Body"].read() == body, "GET returned other bytes"
assert got["Metadata"] == {"color": "blue"}, got["Metadata"]
listed = [o["Key"] for o in v2.list_objects(Bucket=bucket)["Contents"]]
assert key in listed, listed
print("header-signed put/get/list: OK")

default = boto3.client("s3", endpoint_url=endpoint)
print(json.dumps({
    "get": default.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}),
    "put": default.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": key + ".put"}),
    "expired": default.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key},
                                              ExpiresIn=-60),
}))
