"""Browser-style POST uploads against a Granary endpoint, run by PostObjectIT.

boto3's generate_presigned_post builds the policies and signs them (SigV4 and SigV2), and Python
requests sends real multipart/form-data bodies. Reads GRANARY_ENDPOINT, AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION from the environment and a scratch directory as its only
argument. Prints one line per step and "post object: OK" at the end; exits non-zero on the first mismatch.
"""
import base64
import hashlib
import hmac
import json
import os
import random
import struct
import sys
import uuid
import zlib
from urllib.parse import parse_qs, urlsplit

import boto3
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

MIB = 1024 * 1024
ENDPOINT = os.environ["GRANARY_ENDPOINT"]
SECRET = os.environ["AWS_SECRET_ACCESS_KEY"]


def fail(message):
    print("post object: FAIL: " + message, flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def client(signature_version):
    return boto3.client("s3", endpoint_url=ENDPOINT,
                        config=Config(signature_version=signature_version, s3={"addressing_style": "path"}))


def post(form, content, filename="photo.png", extra=None, file_type="image/png"):
    fields = dict(form["fields"])
    fields.update(extra or {})
    return requests.post(form["url"], data=fields, files={"file": (filename, content, file_type)},
                         allow_redirects=False, timeout=120)


def expect_error(response, status, code, text=None):
    check(response.status_code == status, "expected %d %s, got %d: %s" % (status, code, response.status_code,
                                                                          response.text))
    check("<Code>%s</Code>" % code in response.text, "expected %s in %s" % (code, response.text))
    check(response.headers.get("x-amz-request-id", "") in response.text, "RequestId matches the header")
    if text is not None:
        check(text in response.text, "expected %r in %s" % (text, response.text))


def main(scratch):
    v4 = client("s3v4")
    v2 = client("s3")
    bucket = "post-" + uuid.uuid4().hex[:12]
    v4.create_bucket(Bucket=bucket)

    # The bucket's CORS rules through boto3, then a preflight for the form POST a page will send.
    try:
        v4.get_bucket_cors(Bucket=bucket)
        fail("GetBucketCors answered for a bucket without CORS")
    except ClientError as e:
        check(e.response["Error"]["Code"] == "NoSuchCORSConfiguration", "unset CORS: %s" % e.response["Error"])
    rules = [{"ID": "forms", "AllowedOrigins": ["https://*.example.com"], "AllowedMethods": ["POST"],
              "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600}]
    v4.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})
    check(v4.get_bucket_cors(Bucket=bucket)["CORSRules"] == rules, "CORS rules read back")
    preflight = requests.options("%s/%s" % (ENDPOINT, bucket), timeout=30, headers={
        "Origin": "https://app.example.com", "Access-Control-Request-Method": "POST"})
    check(preflight.status_code == 200, "preflight: %d %s" % (preflight.status_code, preflight.text))
    check(preflight.headers.get("Access-Control-Allow-Origin") == "https://app.example.com", "preflight origin")
    print("cors rules and preflight through boto3 and requests: ok", flush=True)

    # SigV4, ${filename}, Content-Type, metadata and a 201 PostResponse.
    content = b"\x89PNG not really" * 100
    form = v4.generate_presigned_post(
        bucket, "uploads/${filename}",
        Fields={"Content-Type": "image/png", "x-amz-meta-owner": "alice", "success_action_status": "201"},
        Conditions=[{"Content-Type": "image/png"}, {"x-amz-meta-owner": "alice"}, {"success_action_status": "201"},
                    ["content-length-range", 1, 10 * MIB]],
        ExpiresIn=600)
    check("x-amz-signature" in form["fields"], "boto3 made a SigV4 form: %s" % form["fields"])
    response = post(form, content)
    check(response.status_code == 201, "SigV4 POST: %d %s" % (response.status_code, response.text))
    check("<Key>uploads/photo.png</Key>" in response.text and "<Bucket>%s</Bucket>" % bucket in response.text,
          "PostResponse names the key: " + response.text)
    etag = '"%s"' % hashlib.md5(content).hexdigest()
    check(response.headers.get("ETag") == etag, "ETag header %s" % response.headers.get("ETag"))
    head = v4.head_object(Bucket=bucket, Key="uploads/photo.png")
    check(head["ContentType"] == "image/png", "stored Content-Type %s" % head["ContentType"])
    check(head["Metadata"] == {"owner": "alice"}, "stored metadata %s" % head["Metadata"])
    check(v4.get_object(Bucket=bucket, Key="uploads/photo.png")["Body"].read() == content, "bytes read back")
    print("sigv4 form with ${filename}, metadata and 201: ok", flush=True)

    # SigV2 (boto3's "s3" signer), the default 204 answer, tagging.
    tagging = "<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>"
    form = v2.generate_presigned_post(bucket, "v2/plain.txt", Fields={"tagging": tagging},
                                      Conditions=[{"tagging": tagging}], ExpiresIn=600)
    check("AWSAccessKeyId" in form["fields"], "boto3 made a SigV2 form: %s" % form["fields"])
    response = post(form, b"hello v2", file_type="text/plain")
    check(response.status_code == 204, "SigV2 POST: %d %s" % (response.status_code, response.text))
    check(v4.get_object(Bucket=bucket, Key="v2/plain.txt")["Body"].read() == b"hello v2", "v2 bytes")
    tags = v4.get_object_tagging(Bucket=bucket, Key="v2/plain.txt")["TagSet"]
    check(tags == [{"Key": "team", "Value": "web"}], "tags %s" % tags)
    print("sigv2 form with tagging and 204: ok", flush=True)

    # A checksum field is verified and stored like a PUT's checksum header.
    data = b"checksummed form"
    crc = base64.b64encode(struct.pack(">I", zlib.crc32(data))).decode()
    form = v4.generate_presigned_post(bucket, "crc.txt", Fields={"x-amz-checksum-crc32": crc},
                                      Conditions=[{"x-amz-checksum-crc32": crc}], ExpiresIn=600)
    response = post(form, data)
    check(response.status_code == 204, "checksum POST: %d %s" % (response.status_code, response.text))
    head = v4.head_object(Bucket=bucket, Key="crc.txt", ChecksumMode="ENABLED")
    check(head.get("ChecksumCRC32") == crc, "stored checksum %s" % head.get("ChecksumCRC32"))
    expect_error(post(form, b"other bytes"), 400, "BadDigest")
    check(v4.get_object(Bucket=bucket, Key="crc.txt")["Body"].read() == data, "a bad checksum kept the object")
    print("checksum field verified: ok", flush=True)

    # A large form upload streams through and reads back bit-exact.
    size = 64 * MIB + 12345
    path = os.path.join(scratch, "large.bin")
    rng = random.Random(64)
    with open(path, "wb") as f:
        for _ in range(size // MIB):
            f.write(rng.randbytes(MIB))
        f.write(rng.randbytes(size % MIB))
    form = v4.generate_presigned_post(bucket, "large.bin", ExpiresIn=600)
    with open(path, "rb") as f:
        response = post(form, f, filename="large.bin", file_type="application/octet-stream")
    check(response.status_code == 204, "large POST: %d %s" % (response.status_code, response.text))
    digest = hashlib.sha256()
    body = v4.get_object(Bucket=bucket, Key="large.bin")["Body"]
    for block in iter(lambda: body.read(MIB), b""):
        digest.update(block)
    with open(path, "rb") as f:
        expected = hashlib.sha256(f.read()).hexdigest()
    check(digest.hexdigest() == expected, "large object bytes differ")
    print("large form upload of %d bytes matched" % size, flush=True)

    # Redirect after success.
    form = v4.generate_presigned_post(bucket, "redirected.txt",
                                      Fields={"success_action_redirect": "https://app.example.com/done?x=1"},
                                      Conditions=[{"success_action_redirect": "https://app.example.com/done?x=1"}],
                                      ExpiresIn=600)
    response = post(form, b"redirect me")
    check(response.status_code == 303, "redirect: %d %s" % (response.status_code, response.text))
    location = urlsplit(response.headers["Location"])
    query = parse_qs(location.query)
    check(location.netloc == "app.example.com" and query["x"] == ["1"] and query["bucket"] == [bucket]
          and query["key"] == ["redirected.txt"] and query["etag"][0].startswith('"'), "Location " + response.headers["Location"])
    print("success_action_redirect: ok", flush=True)

    # Policy violations answer as S3.
    form = v4.generate_presigned_post(bucket, "strict.txt", Fields={"Content-Type": "text/plain"},
                                      Conditions=[{"Content-Type": "text/plain"}, ["content-length-range", 1, 10]],
                                      ExpiresIn=600)
    expect_error(post(form, b"x" * 11), 400, "EntityTooLarge")
    expect_error(post(form, b""), 400, "EntityTooSmall")
    expect_error(post(form, b"x", extra={"Content-Type": "image/png"}), 403, "AccessDenied",
                 "Invalid according to Policy: Policy Condition failed")
    expect_error(post(form, b"x", extra={"acl": "private"}), 403, "AccessDenied",
                 "Invalid according to Policy: Extra input fields: acl")
    expect_error(post(form, b"x", extra={"x-amz-signature": "0" * 64}), 403, "SignatureDoesNotMatch")
    no_key = dict(form, fields={k: v for k, v in form["fields"].items() if k != "key"})
    expect_error(post(no_key, b"x"), 400, "InvalidArgument", "must contain a field named 'key'")
    expired = v4.generate_presigned_post(bucket, "late.txt", ExpiresIn=-60)
    expect_error(post(expired, b"x"), 403, "AccessDenied", "Invalid according to Policy: Policy expired.")
    bad_policy = base64.b64encode(b"{not json").decode()
    v2_form = v2.generate_presigned_post(bucket, "bad.txt", ExpiresIn=600)
    signature = base64.b64encode(hmac.new(SECRET.encode(), bad_policy.encode(), hashlib.sha1).digest()).decode()
    expect_error(post(v2_form, b"x", extra={"policy": bad_policy, "signature": signature}), 400,
                 "InvalidPolicyDocument")
    expect_error(post(form, b"x", extra={"x-ignore-pad": "p" * (30 * 1024)}), 400, "MaxPostPreDataLengthExceeded")
    for key in ["strict.txt", "late.txt", "bad.txt"]:
        listed = v4.list_objects_v2(Bucket=bucket, Prefix=key).get("KeyCount")
        check(listed == 0, "refused upload %s was stored" % key)
    print("policy violations refused: ok", flush=True)

    # Anonymous form upload where the bucket policy lets anyone write under public/.
    v4.put_bucket_policy(Bucket=bucket, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject",
                       "Resource": "arn:aws:s3:::%s/public/*" % bucket}]}))
    anonymous = {"url": "%s/%s" % (ENDPOINT, bucket), "fields": {"key": "public/${filename}"}}
    response = post(anonymous, b"anyone", filename="note.txt")
    check(response.status_code == 204, "anonymous POST: %d %s" % (response.status_code, response.text))
    check(v4.get_object(Bucket=bucket, Key="public/note.txt")["Body"].read() == b"anyone", "anonymous bytes")
    expect_error(post({"url": anonymous["url"], "fields": {"key": "private/note.txt"}}, b"no"), 403, "AccessDenied")
    print("anonymous POST allowed by the bucket policy: ok", flush=True)
    v4.delete_bucket_cors(Bucket=bucket)
    try:
        v4.get_bucket_cors(Bucket=bucket)
        fail("GetBucketCors answered after DeleteBucketCors")
    except ClientError as e:
        check(e.response["Error"]["Code"] == "NoSuchCORSConfiguration", "deleted CORS: %s" % e.response["Error"])
    print("post object: OK", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
