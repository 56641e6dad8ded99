package io.granary.api.http;

/**
 * One row per S3 operation Granary answers: the AWS operation name (used in logs and metrics), the
 * IAM action a policy grants it with, and what the resource ARN names. Adding an operation here and
 * a rule in {@link S3Router} is all routing needs.
 */
public enum S3Operation {
    LIST_BUCKETS("ListBuckets", "s3:ListAllMyBuckets", ResourceKind.SERVICE),
    CREATE_BUCKET("CreateBucket", "s3:CreateBucket", ResourceKind.BUCKET),
    HEAD_BUCKET("HeadBucket", "s3:ListBucket", ResourceKind.BUCKET),
    DELETE_BUCKET("DeleteBucket", "s3:DeleteBucket", ResourceKind.BUCKET),
    GET_BUCKET_LOCATION("GetBucketLocation", "s3:GetBucketLocation", ResourceKind.BUCKET),
    GET_BUCKET_VERSIONING("GetBucketVersioning", "s3:GetBucketVersioning", ResourceKind.BUCKET),
    PUT_BUCKET_VERSIONING("PutBucketVersioning", "s3:PutBucketVersioning", ResourceKind.BUCKET),
    GET_BUCKET_POLICY("GetBucketPolicy", "s3:GetBucketPolicy", ResourceKind.BUCKET),
    PUT_BUCKET_POLICY("PutBucketPolicy", "s3:PutBucketPolicy", ResourceKind.BUCKET),
    DELETE_BUCKET_POLICY("DeleteBucketPolicy", "s3:DeleteBucketPolicy", ResourceKind.BUCKET),
    GET_BUCKET_ACL("GetBucketAcl", "s3:GetBucketAcl", ResourceKind.BUCKET),
    PUT_BUCKET_ACL("PutBucketAcl", "s3:PutBucketAcl", ResourceKind.BUCKET),
    GET_BUCKET_LIFECYCLE("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration", ResourceKind.BUCKET),
    PUT_BUCKET_LIFECYCLE("PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration", ResourceKind.BUCKET),
    // S3 authorises DeleteBucketLifecycle as s3:PutLifecycleConfiguration.
    DELETE_BUCKET_LIFECYCLE("DeleteBucketLifecycle", "s3:PutLifecycleConfiguration", ResourceKind.BUCKET),
    GET_BUCKET_NOTIFICATION("GetBucketNotificationConfiguration", "s3:GetBucketNotification", ResourceKind.BUCKET),
    PUT_BUCKET_NOTIFICATION("PutBucketNotificationConfiguration", "s3:PutBucketNotification", ResourceKind.BUCKET),
    GET_BUCKET_CORS("GetBucketCors", "s3:GetBucketCORS", ResourceKind.BUCKET),
    PUT_BUCKET_CORS("PutBucketCors", "s3:PutBucketCORS", ResourceKind.BUCKET),
    // S3 grants DeleteBucketCors with the Put permission: there is no s3:DeleteBucketCORS.
    DELETE_BUCKET_CORS("DeleteBucketCors", "s3:PutBucketCORS", ResourceKind.BUCKET),
    /** An OPTIONS preflight, answered from the CORS rules before (and without) authentication. */
    PREFLIGHT("OptionsPreflight", null, ResourceKind.OBJECT),
    GET_BUCKET_TAGGING("GetBucketTagging", "s3:GetBucketTagging", ResourceKind.BUCKET),
    PUT_BUCKET_TAGGING("PutBucketTagging", "s3:PutBucketTagging", ResourceKind.BUCKET),
    // S3 authorises DeleteBucketTagging as s3:PutBucketTagging.
    DELETE_BUCKET_TAGGING("DeleteBucketTagging", "s3:PutBucketTagging", ResourceKind.BUCKET),
    GET_BUCKET_ENCRYPTION("GetBucketEncryption", "s3:GetEncryptionConfiguration", ResourceKind.BUCKET),
    PUT_BUCKET_ENCRYPTION("PutBucketEncryption", "s3:PutEncryptionConfiguration", ResourceKind.BUCKET),
    // S3 authorises DeleteBucketEncryption as s3:PutEncryptionConfiguration.
    DELETE_BUCKET_ENCRYPTION("DeleteBucketEncryption", "s3:PutEncryptionConfiguration", ResourceKind.BUCKET),
    GET_OBJECT_LOCK_CONFIGURATION("GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration",
            ResourceKind.BUCKET),
    PUT_OBJECT_LOCK_CONFIGURATION("PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration",
            ResourceKind.BUCKET),
    GET_PUBLIC_ACCESS_BLOCK("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", ResourceKind.BUCKET),
    PUT_PUBLIC_ACCESS_BLOCK("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock", ResourceKind.BUCKET),
    DELETE_PUBLIC_ACCESS_BLOCK("DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock", ResourceKind.BUCKET),
    GET_BUCKET_POLICY_STATUS("GetBucketPolicyStatus", "s3:GetBucketPolicyStatus", ResourceKind.BUCKET),
    GET_BUCKET_OWNERSHIP_CONTROLS("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", ResourceKind.BUCKET),
    PUT_BUCKET_OWNERSHIP_CONTROLS("PutBucketOwnershipControls", "s3:PutBucketOwnershipControls", ResourceKind.BUCKET),
    // AWS authorizes deleting the ownership controls with the put action.
    DELETE_BUCKET_OWNERSHIP_CONTROLS("DeleteBucketOwnershipControls", "s3:PutBucketOwnershipControls",
            ResourceKind.BUCKET),
    GET_BUCKET_WEBSITE("GetBucketWebsite", "s3:GetBucketWebsite", ResourceKind.BUCKET),
    GET_BUCKET_REQUEST_PAYMENT("GetBucketRequestPayment", "s3:GetBucketRequestPayment", ResourceKind.BUCKET),
    GET_BUCKET_ACCELERATE("GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration", ResourceKind.BUCKET),
    GET_BUCKET_LOGGING("GetBucketLogging", "s3:GetBucketLogging", ResourceKind.BUCKET),
    LIST_OBJECTS("ListObjects", "s3:ListBucket", ResourceKind.BUCKET),
    LIST_OBJECTS_V2("ListObjectsV2", "s3:ListBucket", ResourceKind.BUCKET),
    LIST_OBJECT_VERSIONS("ListObjectVersions", "s3:ListBucketVersions", ResourceKind.BUCKET),
    LIST_MULTIPART_UPLOADS("ListMultipartUploads", "s3:ListBucketMultipartUploads", ResourceKind.BUCKET),
    DELETE_OBJECTS("DeleteObjects", "s3:DeleteObject", ResourceKind.BUCKET),
    PUT_OBJECT("PutObject", "s3:PutObject", ResourceKind.OBJECT),
    /** A browser form upload: POST to the bucket, the key in the form, authorized on that key. */
    POST_OBJECT("PostObject", "s3:PutObject", ResourceKind.OBJECT),
    COPY_OBJECT("CopyObject", "s3:PutObject", ResourceKind.OBJECT),
    GET_OBJECT("GetObject", "s3:GetObject", ResourceKind.OBJECT),
    HEAD_OBJECT("HeadObject", "s3:GetObject", ResourceKind.OBJECT),
    DELETE_OBJECT("DeleteObject", "s3:DeleteObject", ResourceKind.OBJECT),
    GET_OBJECT_ATTRIBUTES("GetObjectAttributes", "s3:GetObjectAttributes", ResourceKind.OBJECT),
    GET_OBJECT_TAGGING("GetObjectTagging", "s3:GetObjectTagging", ResourceKind.OBJECT),
    PUT_OBJECT_TAGGING("PutObjectTagging", "s3:PutObjectTagging", ResourceKind.OBJECT),
    DELETE_OBJECT_TAGGING("DeleteObjectTagging", "s3:DeleteObjectTagging", ResourceKind.OBJECT),
    GET_OBJECT_RETENTION("GetObjectRetention", "s3:GetObjectRetention", ResourceKind.OBJECT),
    PUT_OBJECT_RETENTION("PutObjectRetention", "s3:PutObjectRetention", ResourceKind.OBJECT),
    GET_OBJECT_LEGAL_HOLD("GetObjectLegalHold", "s3:GetObjectLegalHold", ResourceKind.OBJECT),
    PUT_OBJECT_LEGAL_HOLD("PutObjectLegalHold", "s3:PutObjectLegalHold", ResourceKind.OBJECT),
    GET_OBJECT_ACL("GetObjectAcl", "s3:GetObjectAcl", ResourceKind.OBJECT),
    PUT_OBJECT_ACL("PutObjectAcl", "s3:PutObjectAcl", ResourceKind.OBJECT),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload", "s3:PutObject", ResourceKind.OBJECT),
    UPLOAD_PART("UploadPart", "s3:PutObject", ResourceKind.OBJECT),
    UPLOAD_PART_COPY("UploadPartCopy", "s3:PutObject", ResourceKind.OBJECT),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload", "s3:PutObject", ResourceKind.OBJECT),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload", "s3:AbortMultipartUpload", ResourceKind.OBJECT),
    LIST_PARTS("ListParts", "s3:ListMultipartUploadParts", ResourceKind.OBJECT);

    /** What the policy resource ARN of an operation names. */
    public enum ResourceKind { SERVICE, BUCKET, OBJECT }

    private final String awsName;
    private final String action;
    private final ResourceKind resourceKind;

    S3Operation(String awsName, String action, ResourceKind resourceKind) {
        this.awsName = awsName;
        this.action = action;
        this.resourceKind = resourceKind;
    }

    public String awsName() {
        return awsName;
    }

    /** The IAM action that grants this operation, e.g. {@code s3:GetObject}. */
    public String action() {
        return action;
    }

    public ResourceKind resourceKind() {
        return resourceKind;
    }
}
