"""boto3 against a Granary endpoint with boto3's defaults, run by Boto3IT.

Reads GRANARY_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION from the
environment and a scratch directory as its only argument. Prints one line per step and
"boto3 smoke: OK" at the end; exits non-zero with a message on the first mismatch.
"""
import hashlib
import os
import random
import sys
import uuid

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

MIB = 1024 * 1024


def fail(message):
    print("boto3 smoke: FAIL: " + message, flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(MIB), b""):
            digest.update(block)
    return digest.hexdigest()


def write_random_file(path, size, seed):
    rng = random.Random(seed)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, MIB)
            f.write(rng.randbytes(n))
            left -= n


def main():
    scratch = sys.argv[1]
    s3 = boto3.client("s3", endpoint_url=os.environ["GRANARY_ENDPOINT"])
    bucket = "boto3-" + uuid.uuid4().hex[:12]

    s3.create_bucket(Bucket=bucket)
    check(bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]], "created bucket is not listed")
    print("created bucket " + bucket, flush=True)

    key = "small/héllo wörld & more+%.txt"
    body = "boto3 says hello ü".encode("utf-8")
    put = s3.put_object(Bucket=bucket, Key=key, Body=body, Metadata={"origin": "boto3"})
    check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), "PutObject ETag " + put["ETag"])
    got = s3.get_object(Bucket=bucket, Key=key)
    check(got["Body"].read() == body, "GetObject returned other bytes")
    check(got["Metadata"] == {"origin": "boto3"}, "metadata " + repr(got["Metadata"]))
    print("put and got " + key, flush=True)

    source = os.path.join(scratch, "upload.bin")
    target = os.path.join(scratch, "download.bin")
    size = 20 * MIB + 4321
    write_random_file(source, size, 7)
    config = TransferConfig(multipart_threshold=5 * MIB, multipart_chunksize=6 * MIB)
    s3.upload_file(source, bucket, "big/file.bin", Config=config)
    head = s3.head_object(Bucket=bucket, Key="big/file.bin")
    check(head["ContentLength"] == size, "HeadObject size %d" % head["ContentLength"])
    check(head["ETag"].endswith('-4"'), "20 MiB in 6 MiB parts should give a -4 ETag: " + head["ETag"])
    s3.download_file(bucket, "big/file.bin", target, Config=config)
    check(sha256_of(source) == sha256_of(target), "downloaded file differs from the uploaded one")
    print("multipart upload_file/download_file of %d bytes matched, ETag %s" % (size, head["ETag"]), flush=True)

    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    check(keys == ["big/file.bin", key], "listing " + repr(keys))
    pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, PaginationConfig={"PageSize": 1}))
    check(sum(p.get("KeyCount", 0) for p in pages) == 2, "paginated listing")
    print("listed " + ", ".join(keys), flush=True)

    for k in keys:
        s3.delete_object(Bucket=bucket, Key=k)
    try:
        s3.head_object(Bucket=bucket, Key=key)
        fail("deleted object is still there")
    except ClientError as e:
        check(e.response["Error"]["Code"] in ("404", "NoSuchKey"), "HEAD after delete: " + repr(e.response))
    s3.delete_bucket(Bucket=bucket)
    print("deleted objects and bucket", flush=True)
    print("boto3 smoke: OK", flush=True)


if __name__ == "__main__":
    main()
