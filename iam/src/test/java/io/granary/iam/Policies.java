package io.granary.iam;

/** Policy documents the iam tests share. */
final class Policies {
    static final String READ_PHOTOS = identity(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:Get*\", \"Resource\": \"arn:aws:s3:::photos/*\"}");
    static final String WRITE_PHOTOS = identity(
            "{\"Effect\": \"Allow\", \"Action\": \"s3:PutObject\", \"Resource\": \"arn:aws:s3:::photos/*\"}");
    static final String ALLOW_ALL = identity("{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}");

    private Policies() {
    }

    static String identity(String statement) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}";
    }

    /** A trust policy admitting {@code principalArn} to {@code sts:AssumeRole}. */
    static String trust(String principalArn) {
        return identity("{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" + principalArn + "\"},"
                + " \"Action\": \"sts:AssumeRole\"}");
    }
}
