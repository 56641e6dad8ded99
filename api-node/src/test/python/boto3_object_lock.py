"""boto3 against Granary's object lock: a bucket created with it, a default COMPLIANCE retention, GOVERNANCE with
the bypass, a legal hold, and the refusals a backup tool meets. Exits non-zero on the first mismatch; prints
"boto3 object lock: OK" at the end."""
import datetime
import os
import uuid

import boto3

from expectations import check, expect_error

ENDPOINT = os.environ["GRANARY_ENDPOINT"]


def main():
    s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
    bucket = "py-lock-" + uuid.uuid4().hex[:8]
    s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
    check(s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled", "object lock turned versioning on")
    s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}}})
    rule = s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]["Rule"]
    check(rule["DefaultRetention"] == {"Mode": "COMPLIANCE", "Days": 1}, "default retention kept")

    first = s3.put_object(Bucket=bucket, Key="db.dump", Body=b"monday")["VersionId"]
    s3.put_object(Bucket=bucket, Key="db.dump", Body=b"tuesday")
    head = s3.head_object(Bucket=bucket, Key="db.dump", VersionId=first)
    check(head["ObjectLockMode"] == "COMPLIANCE", "the default retention reached the PUT")
    expect_error("AccessDenied", 403, s3.delete_object, Bucket=bucket, Key="db.dump", VersionId=first,
                 BypassGovernanceRetention=True)
    check(s3.delete_object(Bucket=bucket, Key="db.dump")["DeleteMarker"], "a plain delete writes a marker")
    check(s3.get_object(Bucket=bucket, Key="db.dump", VersionId=first)["Body"].read() == b"monday",
          "the locked version still reads")
    expect_error("InvalidBucketState", 409, s3.put_bucket_versioning, Bucket=bucket,
                 VersioningConfiguration={"Status": "Suspended"})

    until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)
    gov = s3.put_object(Bucket=bucket, Key="gov", Body=b"x", ObjectLockMode="GOVERNANCE",
                        ObjectLockRetainUntilDate=until)["VersionId"]
    expect_error("AccessDenied", 403, s3.delete_object, Bucket=bucket, Key="gov", VersionId=gov)
    s3.delete_object(Bucket=bucket, Key="gov", VersionId=gov, BypassGovernanceRetention=True)

    held = s3.put_object(Bucket=bucket, Key="held", Body=b"x", ObjectLockLegalHoldStatus="ON")["VersionId"]
    check(s3.get_object_legal_hold(Bucket=bucket, Key="held")["LegalHold"]["Status"] == "ON", "legal hold on")
    s3.put_object_retention(Bucket=bucket, Key="held", VersionId=held, Retention={
        "Mode": "COMPLIANCE", "RetainUntilDate": until})
    expect_error("AccessDenied", 403, s3.put_object_retention, Bucket=bucket, Key="held", VersionId=held,
                 Retention={"Mode": "COMPLIANCE", "RetainUntilDate": until - datetime.timedelta(days=1)})

    plain = "py-nolock-" + uuid.uuid4().hex[:8]
    s3.create_bucket(Bucket=plain)
    expect_error("InvalidRequest", 400, s3.put_object, Bucket=plain, Key="k", Body=b"x",
                 ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until)
    expect_error("ObjectLockConfigurationNotFoundError", 404, s3.get_object_lock_configuration, Bucket=plain)
    print("boto3 object lock: OK")


if __name__ == "__main__":
    main()
