"""boto3 against Granary's ACLs, ownership controls and public access block, with boto3's defaults and an
unsigned (anonymous) client: canned ACLs and AccessControlPolicy documents enforced for anonymous readers,
errors with S3's codes. Exits non-zero on the first mismatch; prints "boto3 acl: OK" at the end."""
import json
import os
import uuid

import boto3
from botocore import UNSIGNED
from botocore.config import Config

from expectations import check, expect_error

ENDPOINT = os.environ["GRANARY_ENDPOINT"]
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def main():
    s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
    anonymous = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1",
                             config=Config(signature_version=UNSIGNED))
    bucket = "py-acl-" + uuid.uuid4().hex[:8]
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="public.txt", Body=b"hello", ACL="public-read")
    s3.put_object(Bucket=bucket, Key="private.txt", Body=b"secret")
    check(anonymous.get_object(Bucket=bucket, Key="public.txt")["Body"].read() == b"hello", "anonymous public read")
    expect_error("AccessDenied", 403, anonymous.get_object, Bucket=bucket, Key="private.txt")

    acl = s3.get_object_acl(Bucket=bucket, Key="public.txt")
    grants = [(g["Grantee"]["Type"], g["Permission"]) for g in acl["Grants"]]
    check(grants == [("CanonicalUser", "FULL_CONTROL"), ("Group", "READ")], "public-read grants " + str(grants))
    check(acl["Grants"][1]["Grantee"]["URI"] == ALL_USERS, "AllUsers URI " + str(acl))
    owner = acl["Owner"]["ID"]
    check(acl["Grants"][0]["Grantee"]["ID"] == owner, "owner grant " + str(acl))

    s3.put_object_acl(Bucket=bucket, Key="private.txt", AccessControlPolicy={
        "Owner": {"ID": owner},
        "Grants": [{"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"},
                   {"Grantee": {"Type": "CanonicalUser", "ID": owner}, "Permission": "FULL_CONTROL"}]})
    grants = [g["Permission"] for g in s3.get_object_acl(Bucket=bucket, Key="private.txt")["Grants"]]
    check(grants == ["READ", "FULL_CONTROL"], "grants in the order put " + str(grants))
    check(anonymous.get_object(Bucket=bucket, Key="private.txt")["Body"].read() == b"secret", "made public")
    expect_error("UnresolvableGrantByEmailAddress", 400, s3.put_object_acl, Bucket=bucket, Key="private.txt",
                 GrantRead="emailAddress=nobody@example.com")
    expect_error("InvalidRequest", 400, s3.put_object_acl, Bucket=bucket, Key="private.txt", ACL="private",
                 GrantRead="uri=" + ALL_USERS)

    expect_error("NoSuchPublicAccessBlockConfiguration", 404, s3.get_public_access_block, Bucket=bucket)
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": False})
    stored = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    check(stored == {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                     "RestrictPublicBuckets": False}, "stored block " + str(stored))
    expect_error("AccessDenied", 403, anonymous.get_object, Bucket=bucket, Key="public.txt")
    expect_error("AccessDenied", 403, s3.put_object, Bucket=bucket, Key="more.txt", Body=b"x", ACL="public-read")
    public_policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/*" % bucket}]})
    expect_error("AccessDenied", 403, s3.put_bucket_policy, Bucket=bucket, Policy=public_policy)
    s3.delete_public_access_block(Bucket=bucket)
    s3.put_bucket_policy(Bucket=bucket, Policy=public_policy)
    check(s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"]["IsPublic"] is True, "policy status")
    s3.delete_bucket_policy(Bucket=bucket)

    expect_error("OwnershipControlsNotFoundError", 404, s3.get_bucket_ownership_controls, Bucket=bucket)
    s3.put_bucket_ownership_controls(Bucket=bucket, OwnershipControls={
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    rules = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    check(rules == [{"ObjectOwnership": "BucketOwnerEnforced"}], "ownership " + str(rules))
    expect_error("AccessControlListNotSupported", 400, s3.put_object, Bucket=bucket, Key="k", Body=b"x",
                 ACL="public-read")
    expect_error("AccessDenied", 403, anonymous.get_object, Bucket=bucket, Key="public.txt")
    bucket_grants = s3.get_bucket_acl(Bucket=bucket)["Grants"]
    check([(g["Grantee"].get("ID"), g["Permission"]) for g in bucket_grants] == [(owner, "FULL_CONTROL")],
          "enforced bucket ACL " + str(bucket_grants))
    s3.delete_bucket_ownership_controls(Bucket=bucket)
    print("boto3 acl: OK")


if __name__ == "__main__":
    main()
