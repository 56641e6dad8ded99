"""boto3's IAM, STS and S3 clients against Granary with their defaults: an application user with a
bucket-scoped policy and its own keys, a group policy, errors with IAM's codes. Exits non-zero on the
first mismatch; prints "boto3 iam: OK" at the end."""
import json
import os
import uuid

import boto3

from expectations import check, expect_error

ENDPOINT = os.environ["GRANARY_ENDPOINT"]


def client(service, key=None, secret=None, token=None):
    kwargs = {"endpoint_url": ENDPOINT, "region_name": "us-east-1"}
    if key:
        kwargs.update(aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token)
    return boto3.client(service, **kwargs)


def main():
    suffix = uuid.uuid4().hex[:8]
    user, group, bucket, other = "py-" + suffix, "py-readers-" + suffix, "py-b-" + suffix, "py-o-" + suffix
    iam, s3 = client("iam"), client("s3")
    s3.create_bucket(Bucket=bucket)
    s3.create_bucket(Bucket=other)
    s3.put_object(Bucket=other, Key="seed", Body=b"seed")

    created = iam.create_user(UserName=user, Tags=[{"Key": "app", "Value": "py"}])["User"]
    check(created["UserName"] == user and created["Arn"].endswith(":user/" + user), "CreateUser " + str(created))
    expect_error("EntityAlreadyExists", 409, iam.create_user, UserName=user)
    expect_error("NoSuchEntity", 404, iam.get_user, UserName=user + "-nobody")
    expect_error("MalformedPolicyDocument", 400, iam.put_user_policy, UserName=user, PolicyName="bad",
                 PolicyDocument="{}")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": [
        "arn:aws:s3:::" + bucket, "arn:aws:s3:::" + bucket + "/*"]}]}
    iam.put_user_policy(UserName=user, PolicyName="bucket", PolicyDocument=json.dumps(policy))
    stored = iam.get_user_policy(UserName=user, PolicyName="bucket")["PolicyDocument"]
    check(stored == policy, "boto3 decodes the stored policy: " + str(stored))
    key = iam.create_access_key(UserName=user)["AccessKey"]
    iam.create_access_key(UserName=user)
    expect_error("LimitExceeded", 409, iam.create_access_key, UserName=user)
    expect_error("DeleteConflict", 409, iam.delete_user, UserName=user)

    app_sts = client("sts", key["AccessKeyId"], key["SecretAccessKey"])
    check(app_sts.get_caller_identity()["Arn"] == created["Arn"], "GetCallerIdentity")
    app_s3 = client("s3", key["AccessKeyId"], key["SecretAccessKey"])
    app_s3.put_object(Bucket=bucket, Key="k", Body=b"mine")
    check(app_s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"mine", "GetObject in its bucket")
    expect_error("AccessDenied", 403, app_s3.get_object, Bucket=other, Key="seed")
    app_iam = client("iam", key["AccessKeyId"], key["SecretAccessKey"])
    expect_error("AccessDenied", 403, app_iam.list_users)

    iam.create_group(GroupName=group)
    read_other = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                                          "Resource": "arn:aws:s3:::" + other + "/*"}]}
    iam.put_group_policy(GroupName=group, PolicyName="read-other", PolicyDocument=json.dumps(read_other))
    iam.add_user_to_group(GroupName=group, UserName=user)
    check(app_s3.get_object(Bucket=other, Key="seed")["Body"].read() == b"seed", "group policy applies")
    members = [u["UserName"] for u in iam.get_group(GroupName=group)["Users"]]
    check(members == [user], "GetGroup members " + str(members))

    session = app_sts.get_session_token(DurationSeconds=900)["Credentials"]
    session_s3 = client("s3", session["AccessKeyId"], session["SecretAccessKey"], session["SessionToken"])
    check(session_s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"mine", "session credentials on S3")

    paginator = iam.get_paginator("list_users")
    names = [u["UserName"] for page in paginator.paginate(PaginationConfig={"PageSize": 1}) for u in page["Users"]]
    check(user in names and len(names) == len(set(names)), "ListUsers pages " + str(names))
    print("boto3 iam: OK")


if __name__ == "__main__":
    main()
