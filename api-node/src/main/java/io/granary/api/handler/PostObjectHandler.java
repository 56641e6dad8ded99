package io.granary.api.handler;

import io.granary.api.pipeline.PartKeys;
import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthenticator;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.FormUpload;
import io.granary.api.http.PostPolicy;
import io.granary.api.http.RequestFeatures;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Operation;
import io.granary.api.http.S3Request;
import io.granary.api.http.S3Router;
import io.granary.api.http.StandardHeaders;
import io.granary.api.http.TaggingHeader;
import io.granary.api.http.StorageClassHeader;
import io.granary.api.http.UserMetadata;
import io.granary.api.xml.PostResponse;
import io.granary.api.xml.XmlWriter;
import io.granary.iam.sigv4.PostPolicySignature;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.ObjectLock;
import io.granary.metadata.store.PutCondition;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * PostObject, the browser form upload: the form head is read ({@link FormUpload}), the form authenticated by
 * its own signature fields (or anonymous), checked against its policy ({@link PostPolicy}), authorized as
 * {@code s3:PutObject} on the key the form names, then the file part is streamed into the same write path as a
 * PUT (never buffered) and committed like one. The answer is what {@code success_action_redirect} or
 * {@code success_action_status} ask for.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html">POST Object</a>
 */
final class PostObjectHandler {
    /** S3's limit on the form fields before the file. */
    static final int MAX_PRE_DATA = 20 * 1024;
    private static final String FILENAME = "${filename}";

    private final Services services;
    private final Access access;
    private final UploadedData uploads;
    private final RequestAuthenticator authenticator;
    private final UploadCommit commits;

    PostObjectHandler(Services services, Access access, UploadedData uploads, RequestAuthenticator authenticator,
            UploadCommit commits) {
        this.services = services;
        this.access = access;
        this.uploads = uploads;
        this.authenticator = authenticator;
        this.commits = commits;
    }

    /** The parsed form, ready to store. */
    private record Upload(FormUpload form, FormUpload.Head head, Caller caller, String key, ChecksumHeaders checks,
            AclHeaders acl, UploadCommit.Attributes written) {
        Upload withWritten(UploadCommit.Attributes newWritten) {
            return new Upload(form, head, caller, key, checks, acl, newWritten);
        }

        Map<String, String> fields() {
            return head.fields();
        }
    }

    /**
     * @param headerCaller the request's own (header or query) authentication, which stands for a form that
     *                     carries no signature fields (normally anonymous: browsers sign in the form)
     */
    Future<Void> postObject(S3Request request, Caller headerCaller) {
        String boundary = boundary(request.header(S3Headers.CONTENT_TYPE));
        String length = request.header(S3Headers.CONTENT_LENGTH);
        if (length == null) throw S3Exception.of(S3Error.MISSING_CONTENT_LENGTH);
        long contentLength;
        try {
            contentLength = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid Content-Length");
        }
        // The fields are in the body, so the body must come before anything can be checked.
        Access.acceptBody(request);
        FormUpload form = FormUpload.read(request.http(), boundary, contentLength, MAX_PRE_DATA);
        return form.head()
                .map(head -> parse(request, headerCaller, form, head))
                .compose(upload -> access.load(request).compose(bucket -> {
                    Upload authorized = authorize(request, upload, bucket);
                    PartKeys.Request sse = ServerSideEncryption.chosen(request, MultiMap.caseInsensitiveMultiMap()
                            .addAll(upload.fields()), bucket, services.keyStore());
                    return uploads.stream(upload.form().file(), upload.head().fileSize(), upload.checks(),
                                    ChecksumType.FULL_OBJECT, 1, sse)
                            .compose(data -> commits.object(request, upload.key(), data, authorized.written(),
                                    PutCondition.none(), Notices.of("ObjectCreated:Post", request, upload.caller())))
                            .compose(data -> {
                                ServerSideEncryption.describe(request.http().response().headers(),
                                        data.encryption(), null);
                                return respond(request, authorized, data);
                            });
                }));
    }

    /** Authenticates the form, checks it against its policy and parses what it asks to store. */
    private Upload parse(S3Request request, Caller headerCaller, FormUpload form, FormUpload.Head head) {
        Map<String, String> fields = head.fields();
        String key = fields.get("key");
        if (key == null) throw missingField("key");
        if (fields.containsKey("x-amz-signature") || fields.containsKey("signature")) {
            if (!fields.containsKey("policy")) throw missingField("policy");
        }
        Caller caller = PostPolicySignature.isSigned(fields) ? authenticator.authenticateForm(fields) : headerCaller;
        if (fields.containsKey("policy")) {
            PostPolicy.parse(fields.get("policy")).check(services.clock().instant(), request.bucket(), fields,
                    head.fileSize());
        }
        if (head.fileName() != null) key = key.replace(FILENAME, head.fileName());
        if (key.isEmpty()) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "User key must have a length greater than 0.");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > S3Router.MAX_KEY_BYTES) {
            throw S3Exception.of(S3Error.KEY_TOO_LONG).with("MaxSizeAllowed", String.valueOf(S3Router.MAX_KEY_BYTES));
        }
        if (head.fileSize() > UploadedData.MAX_SIZE) {
            throw S3Exception.of(S3Error.ENTITY_TOO_LARGE).with("ProposedSize", String.valueOf(head.fileSize()))
                    .with("MaxSizeAllowed", String.valueOf(UploadedData.MAX_SIZE));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(fields);
        RequestFeatures.refuseUnsupported(S3Operation.POST_OBJECT, headers);
        if (fields.containsKey("acl")) headers.set(S3Headers.ACL, fields.get("acl"));
        AclHeaders acl = AclHeaders.parse(headers);
        String tagging = fields.get("tagging");
        UploadCommit.Attributes written = new UploadCommit.Attributes(StandardHeaders.parse(headers::get),
                UserMetadata.parse(headers), tagging == null ? Map.of()
                        : TaggingHeader.of(TaggingHeader.document(tagging.getBytes(StandardCharsets.UTF_8)).tags()),
                StorageClassHeader.parse(headers.get(S3Headers.STORAGE_CLASS)), null, null);
        return new Upload(form, head, caller, key, ChecksumHeaders.parse(headers::get), acl, written);
    }

    private Upload authorize(S3Request request, Upload upload, BucketRecord bucket) {
        services.authorizer().authorize(upload.caller(), request, S3Operation.POST_OBJECT.action(), bucket,
                upload.key());
        if (upload.fields().containsKey("tagging")) {
            services.authorizer().authorize(upload.caller(), request, TaggingHeader.ACTION, bucket,
                    upload.key());
        }
        ObjectLock lock = ObjectLocks.requested(services, request, MultiMap.caseInsensitiveMultiMap()
                .addAll(upload.fields()), upload.caller(), bucket, upload.key());
        return upload.withWritten(upload.written().withAcl(access.newObjectAcl(upload.acl(), upload.caller(), bucket))
                .withLock(lock));
    }

    private Future<Void> respond(S3Request request, Upload upload, UploadedData.Result data) {
        String location = objectUrl(request, upload.key());
        HttpServerResponse response = request.http().response().putHeader(S3Headers.ETAG, data.etag())
                .putHeader("Location", location);
        String redirect = upload.fields().getOrDefault("success_action_redirect", upload.fields().get("redirect"));
        URI target = redirect == null ? null : absolute(redirect);
        if (target != null) {
            String query = "bucket=" + encode(request.bucket()) + "&key=" + encode(upload.key()) + "&etag="
                    + encode(data.etag());
            response.putHeader("Location", redirect + (target.getRawQuery() == null ? "?" : "&") + query);
            return Responses.empty(request, 303);
        }
        String status = upload.fields().get("success_action_status");
        if ("201".equals(status)) {
            return response.setStatusCode(201).putHeader(S3Headers.CONTENT_TYPE, "application/xml")
                    .end(XmlWriter.write(new PostResponse(location, request.bucket(), upload.key(), data.etag())));
        }
        return Responses.empty(request, "200".equals(status) ? 200 : 204);
    }

    /** The boundary of a {@code multipart/form-data} Content-Type; S3 answers anything else with 412. */
    static String boundary(String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            for (String parameter : contentType.split(";")) {
                String trimmed = parameter.trim();
                if (trimmed.regionMatches(true, 0, "boundary=", 0, 9) && trimmed.length() > 9) {
                    String value = trimmed.substring(9);
                    return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
            throw S3Exception.of(S3Error.MALFORMED_POST_REQUEST);
        }
        throw S3Exception.of(S3Error.PRECONDITION_FAILED, "At least one of the pre-conditions you specified did not "
                + "hold").with("Condition", "Bucket POST must be of the enclosure-type multipart/form-data");
    }

    private static String objectUrl(S3Request request, String key) {
        String host = request.header(S3Headers.HOST);
        return (request.http().isSSL() ? "https://" : "http://") + host + "/" + request.bucket() + "/"
                + encode(key).replace("%2F", "/");
    }

    private static URI absolute(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static S3Exception missingField(String name) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, "Bucket POST must contain a field named '" + name
                + "'.  If it is specified, please check the order of the fields.")
                .with("ArgumentName", name).with("ArgumentValue", "");
    }
}
