package io.granary.api.it;

import io.granary.iam.CreatedAccessKey;
import io.granary.iam.EntityType;
import io.granary.iam.IamService;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** Users with inline policies, made through the embedded server's IamService, and S3 clients signing as them. */
final class IamFixtures {
    private IamFixtures() {
    }

    /** A new user of {@code accountId} with one inline policy (none when {@code policy} is null), and its key. */
    static CreatedAccessKey user(IamService iam, String accountId, String name, String policy) {
        iam.createUser(accountId, name, null, null);
        if (policy != null) iam.putInlinePolicy(EntityType.USER, accountId, name, "inline", policy);
        return iam.createAccessKey(accountId, name);
    }

    static S3Client client(URI endpoint, CreatedAccessKey key) {
        return S3Clients.as(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
                key.secretKey())));
    }

    /** An identity policy of one Allow statement. */
    static String allow(String actions, String resources) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":" + actions
                + ",\"Resource\":" + resources + "}]}";
    }
}
