"""boto3 against Granary's versioning: bucket state, version ids, reads of older versions, delete markers and
their round trip, the suspended null version, ListObjectVersions paging with its own paginator, and S3's error
codes. Exits non-zero on the first mismatch; prints "boto3 versioning: OK" at the end."""
import os
import uuid

import boto3

from expectations import check, expect_error

ENDPOINT = os.environ["GRANARY_ENDPOINT"]


def versions(s3, bucket):
    listed = s3.list_object_versions(Bucket=bucket)
    return ([(v["Key"], v["VersionId"], v["IsLatest"]) for v in listed.get("Versions", [])],
            [(m["Key"], m["VersionId"], m["IsLatest"]) for m in listed.get("DeleteMarkers", [])])


def main():
    s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
    bucket = "py-ver-" + uuid.uuid4().hex[:8]
    s3.create_bucket(Bucket=bucket)
    check("Status" not in s3.get_bucket_versioning(Bucket=bucket), "a new bucket has no versioning status")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    check(s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled", "enabled")
    expect_error("NotImplemented", 501, s3.put_bucket_versioning, Bucket=bucket,
                 VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"}, MFA="serial 123456")

    v1 = s3.put_object(Bucket=bucket, Key="k", Body=b"one")["VersionId"]
    v2 = s3.put_object(Bucket=bucket, Key="k", Body=b"two")["VersionId"]
    check(v1 != v2, "distinct version ids")
    got = s3.get_object(Bucket=bucket, Key="k")
    check(got["Body"].read() == b"two" and got["VersionId"] == v2, "latest is v2")
    check(s3.get_object(Bucket=bucket, Key="k", VersionId=v1)["Body"].read() == b"one", "v1 by id")
    check(s3.head_object(Bucket=bucket, Key="k", VersionId=v1)["ContentLength"] == 3, "head v1")
    expect_error("InvalidArgument", 400, s3.get_object, Bucket=bucket, Key="k", VersionId="bogus")

    deleted = s3.delete_object(Bucket=bucket, Key="k")
    check(deleted["DeleteMarker"] is True, "delete wrote a marker")
    marker = deleted["VersionId"]
    expect_error("NoSuchKey", 404, s3.get_object, Bucket=bucket, Key="k")
    expect_error("MethodNotAllowed", 405, s3.get_object, Bucket=bucket, Key="k", VersionId=marker)
    listed, markers = versions(s3, bucket)
    check(listed == [("k", v2, False), ("k", v1, False)], "versions " + str(listed))
    check(markers == [("k", marker, True)], "markers " + str(markers))
    s3.delete_object(Bucket=bucket, Key="k", VersionId=marker)
    check(s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"two", "deleting the marker restores v2")

    s3.put_object_tagging(Bucket=bucket, Key="k", VersionId=v1, Tagging={"TagSet": [{"Key": "a", "Value": "b"}]})
    check(s3.get_object_tagging(Bucket=bucket, Key="k", VersionId=v1)["TagSet"] == [{"Key": "a", "Value": "b"}],
          "tags of v1")
    copied = s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "k", "VersionId": v1})
    check(copied["CopySourceVersionId"] == v1, "copy source version " + str(copied))
    check(s3.get_object(Bucket=bucket, Key="copy")["Body"].read() == b"one", "copy of v1")

    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    check(s3.put_object(Bucket=bucket, Key="k", Body=b"n1")["VersionId"] == "null", "suspended writes null")
    s3.put_object(Bucket=bucket, Key="k", Body=b"n2")
    listed, _ = versions(s3, bucket)
    check([v for k, v, _ in listed if k == "k"] == ["null", v2, v1], "null replaced, others kept " + str(listed))

    for i in range(5):
        s3.put_object(Bucket=bucket, Key="many/%d" % i, Body=b"x")
    paged = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, PaginationConfig={"PageSize": 2}):
        paged += [(v["Key"], v["VersionId"]) for v in page.get("Versions", [])]
    check(paged == [(k, v) for k, v, _ in versions(s3, bucket)[0]], "paged listing " + str(paged))

    result = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "k", "VersionId": v1},
                                                                  {"Key": "copy"}]})
    by_key = {d["Key"]: d for d in result["Deleted"]}
    check(by_key["k"]["VersionId"] == v1, "deleted v1 " + str(result))
    check(by_key["copy"]["DeleteMarker"] is True, "marker for copy " + str(result))
    expect_error("BucketNotEmpty", 409, s3.delete_bucket, Bucket=bucket)
    print("boto3 versioning: OK")


if __name__ == "__main__":
    main()
