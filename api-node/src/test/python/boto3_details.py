"""boto3 against a Granary endpoint for the details of issue 15 that boto3 itself exercises, and server-side encryption (issue 18),
run by Boto3DetailsIT.

Reads GRANARY_ENDPOINT and the AWS_* variables from the environment. Prints one line per check and
"boto3 details: OK" at the end; exits non-zero with a message on the first mismatch.
"""
import hashlib
from email.header import decode_header, make_header
import os
import sys
import uuid

import boto3
from botocore.handlers import validate_ascii_metadata


def fail(message):
    print("boto3 details: FAIL: " + message, flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def add_transfer_encoding(request, **kwargs):
    # As ceph's s3-tests test_object_write_with_chunked_transfer_encoding: no Content-Length, a chunked body.
    request.headers.add_header("Transfer-Encoding", "chunked")


def main():
    s3 = boto3.client("s3", endpoint_url=os.environ["GRANARY_ENDPOINT"])
    bucket = "boto3-details-" + uuid.uuid4().hex[:10]
    s3.create_bucket(Bucket=bucket)

    # A prefix holding a newline: boto3 asks for encoding-type=url and decodes what it gets back.
    key = "lines\nof/text"
    s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    listed = s3.list_objects_v2(Bucket=bucket, Prefix="lines\n", Delimiter="/")
    check([p["Prefix"] for p in listed.get("CommonPrefixes", [])] == ["lines\nof/"], "v2 prefixes " + repr(listed))
    check(listed.get("Prefix") == "lines\n", "v2 echoed prefix " + repr(listed.get("Prefix")))
    v1 = s3.list_objects(Bucket=bucket, Prefix="lines\n")
    check([o["Key"] for o in v1.get("Contents", [])] == [key], "v1 keys " + repr(v1))
    print("a prefix holding a newline round-trips through list_objects v1 and v2", flush=True)

    # Non-ASCII metadata: botocore refuses it by default; without that check it sends the value's bytes
    # as they are (http.client, ISO-8859-1) and signs the characters. They must verify and come back.
    raw = boto3.client("s3", endpoint_url=os.environ["GRANARY_ENDPOINT"])
    raw.meta.events.unregister("before-parameter-build.s3.PutObject", validate_ascii_metadata)
    metadata = {"city": "Zürich", "note": "café crème"}
    raw.put_object(Bucket=bucket, Key="meta", Body=b"m", Metadata=metadata)
    head = s3.head_object(Bucket=bucket, Key="meta")
    # S3 returns non-ASCII metadata as RFC 2047 encoded-words; decoded, they are what was sent.
    decoded = {k: str(make_header(decode_header(v))) for k, v in head["Metadata"].items()}
    check(decoded == metadata, "metadata came back as " + repr(head["Metadata"]))
    check(head["Metadata"]["city"].startswith("=?UTF-8?B?"), "not RFC 2047: " + repr(head["Metadata"]))
    print("non-ASCII metadata verifies and round-trips", flush=True)

    # Transfer-Encoding: chunked without Content-Length, signed by boto3 with the body's SHA-256.
    chunked = boto3.client("s3", endpoint_url=os.environ["GRANARY_ENDPOINT"])
    chunked.meta.events.register_first("before-sign.*.*", add_transfer_encoding)
    body = b"bar" * 100_000
    put = chunked.put_object(Bucket=bucket, Key="chunked", Body=body)
    check(put["ResponseMetadata"]["HTTPStatusCode"] == 200, "chunked put " + repr(put))
    check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "chunked put ETag " + put["ETag"])
    check(s3.get_object(Bucket=bucket, Key="chunked")["Body"].read() == body, "chunked put read back other bytes")
    print("a Transfer-Encoding: chunked put streams and reads back", flush=True)

    # SSE-S3: put, head, a range across a 64 KiB block boundary, upload_fileobj (multipart above 8 MiB), copy.
    sealed = os.urandom(200_000)
    put = s3.put_object(Bucket=bucket, Key="sealed", Body=sealed, ServerSideEncryption="AES256")
    check(put.get("ServerSideEncryption") == "AES256", "sse put " + repr(put))
    check(s3.head_object(Bucket=bucket, Key="sealed").get("ServerSideEncryption") == "AES256", "sse head")
    ranged = s3.get_object(Bucket=bucket, Key="sealed", Range="bytes=65530-65545")["Body"].read()
    check(ranged == sealed[65530:65546], "sse range across a block boundary")
    import io
    big = os.urandom(9 * 1024 * 1024 + 5)
    s3.upload_fileobj(io.BytesIO(big), bucket, "sealed-big", ExtraArgs={"ServerSideEncryption": "AES256"})
    check(s3.head_object(Bucket=bucket, Key="sealed-big").get("ServerSideEncryption") == "AES256", "sse multipart")
    check(s3.get_object(Bucket=bucket, Key="sealed-big")["Body"].read() == big, "sse multipart read back")
    copied = s3.copy_object(Bucket=bucket, Key="unsealed", CopySource={"Bucket": bucket, "Key": "sealed"})
    check("ServerSideEncryption" not in copied, "a copy takes its own encryption " + repr(copied))
    check(s3.get_object(Bucket=bucket, Key="unsealed")["Body"].read() == sealed, "copy of a sealed object")
    print("SSE-S3 round trips", flush=True)

    # SSE-KMS under the account's AWS managed key (no key id named): the key's ARN is echoed, the ETag is opaque.
    put = s3.put_object(Bucket=bucket, Key="kms", Body=sealed, ServerSideEncryption="aws:kms")
    arn = put.get("SSEKMSKeyId", "")
    check(put.get("ServerSideEncryption") == "aws:kms" and arn.startswith("arn:aws:kms:"), "kms put " + repr(put))
    check(put["ETag"] != '"%s"' % hashlib.md5(sealed).hexdigest(), "an SSE-KMS ETag is not the MD5")
    got = s3.get_object(Bucket=bucket, Key="kms")
    check(got["Body"].read() == sealed and got.get("SSEKMSKeyId") == arn, "kms read back")
    print("SSE-KMS round trips under aws/s3", flush=True)

    # SSE-C: boto3 sends the key's MD5 itself; reads need the same key, multipart parts carry it.
    key = os.urandom(32)
    other = os.urandom(32)
    put = s3.put_object(Bucket=bucket, Key="customer", Body=sealed, SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    check(put.get("SSECustomerAlgorithm") == "AES256" and "SSECustomerKeyMD5" in put, "sse-c put " + repr(put))
    ranged = s3.get_object(Bucket=bucket, Key="customer", Range="bytes=65530-65545", SSECustomerAlgorithm="AES256",
                           SSECustomerKey=key)["Body"].read()
    check(ranged == sealed[65530:65546], "sse-c range across a block boundary")
    for kwargs, status in (({}, 400), ({"SSECustomerAlgorithm": "AES256", "SSECustomerKey": other}, 403)):
        try:
            s3.get_object(Bucket=bucket, Key="customer", **kwargs)
            fail("an SSE-C object was read with " + ("no key" if not kwargs else "another key"))
        except s3.exceptions.ClientError as e:
            check(e.response["ResponseMetadata"]["HTTPStatusCode"] == status, "sse-c refusal " + repr(e.response))
    extra = {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}
    s3.upload_fileobj(io.BytesIO(big), bucket, "customer-big", ExtraArgs=extra)
    check(s3.get_object(Bucket=bucket, Key="customer-big", **extra)["Body"].read() == big, "sse-c multipart read")
    print("SSE-C round trips; no key or another key is refused", flush=True)

    print("boto3 details: OK", flush=True)


if __name__ == "__main__":
    main()
