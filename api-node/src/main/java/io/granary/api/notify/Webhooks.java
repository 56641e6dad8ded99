package io.granary.api.notify;

import io.granary.iam.IamService;
import io.granary.iam.WebhookTarget;
import io.vertx.core.Future;
import java.util.Optional;

/** What request handlers need of webhooks: finding the target an ARN names and proving that it answers. */
public final class Webhooks {
    private final IamService iam;
    private final WebhookDelivery delivery;

    public Webhooks(IamService iam, WebhookDelivery delivery) {
        this.iam = iam;
        this.delivery = delivery;
    }

    public Optional<WebhookTarget> find(String arn) {
        return iam.findWebhookByArn(arn);
    }

    /** Sends the test message; fails with what went wrong unless the target answers 2xx in time. */
    public Future<Void> test(WebhookTarget target, String bucket, String requestId) {
        return delivery.test(target, bucket, requestId);
    }
}
