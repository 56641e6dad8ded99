package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.notify.NotificationRules;
import io.granary.api.xml.NotificationConfiguration;
import io.granary.api.xml.XmlWriter;
import io.granary.iam.WebhookTarget;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.NotificationRule;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Put/GetBucketNotificationConfiguration. The rules are checked as S3 checks them ({@link NotificationRules}),
 * every destination must be a webhook target of the bucket owner's account in this region, and each must answer
 * a signed test message with a 2xx (unless {@code x-amz-skip-destination-validation: true}), else InvalidArgument
 * "Unable to validate the following destination configurations", as S3. An empty configuration removes them.
 */
final class NotificationHandler {
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String SKIP_VALIDATION = "x-amz-skip-destination-validation";

    private final Services services;
    private final Access access;

    NotificationHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> Responses.xml(request, NotificationRules.document(bucket.notifications())));
    }

    Future<Void> put(S3Request request, Caller caller) {
        boolean skipTest = "true".equalsIgnoreCase(request.header(SKIP_VALIDATION));
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES)
                        .map(NotificationHandler::parse)
                        .compose(rules -> validated(request, bucket, rules, skipTest)))
                .compose(rules -> services.metadata().call(store -> store.buckets().update(request.bucket(),
                        bucket -> bucket.withNotifications(rules))))
                .compose(updated -> Responses.empty(request, 200));
    }

    private static List<NotificationRule> parse(Buffer body) {
        NotificationConfiguration document;
        try {
            document = body.length() == 0 ? null
                    : XmlWriter.mapper().readValue(body.getBytes(), NotificationConfiguration.class);
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        return document == null ? List.of() : NotificationRules.parse(document);
    }

    /** The rules once every destination exists, belongs to the bucket's owner and answered its test message. */
    private Future<List<NotificationRule>> validated(S3Request request, BucketRecord bucket,
                                                    List<NotificationRule> rules, boolean skipTest) {
        Set<String> arns = new LinkedHashSet<>();
        rules.forEach(rule -> arns.add(rule.targetArn()));
        List<Future<Void>> tests = new ArrayList<>();
        for (String arn : arns) {
            WebhookTarget target = services.webhooks().find(arn).filter(t -> arn.equals(t.arn(services.region())))
                    .orElseThrow(() -> NotificationRules.unvalidated(arn, "There is no such webhook target in region "
                            + services.region() + "."));
            if (!target.accountId().equals(bucket.ownerAccountId())) {
                throw NotificationRules.unvalidated(arn, "The webhook target belongs to another account than the "
                        + "bucket.");
            }
            if (!skipTest) {
                tests.add(services.webhooks().test(target, bucket.name(), request.requestId()).recover(failure ->
                        Future.failedFuture(NotificationRules.unvalidated(arn, "The webhook did not accept the test "
                                + "event: " + failure.getMessage()))));
            }
        }
        return Future.all(tests).map(done -> rules);
    }
}
