"""Checks shared by the boto3 scripts: each exits the script non-zero, with a message, on the first mismatch."""
import sys

from botocore.exceptions import ClientError


def expect_error(code, status, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except ClientError as e:
        got = (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
        if got != (code, status):
            sys.exit("expected %s %d, got %s %d: %s" % (code, status, got[0], got[1], e))
        return
    sys.exit("expected %s from %s" % (code, call.__name__))


def check(condition, what):
    if not condition:
        sys.exit("mismatch: " + what)
