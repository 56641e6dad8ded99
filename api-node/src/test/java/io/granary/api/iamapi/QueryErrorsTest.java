package io.granary.api.iamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.iam.IamException;
import io.granary.iam.policy.MalformedPolicyException;
import io.granary.iam.sigv4.AuthException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryErrorsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new IamException(IamException.Reason.NO_SUCH_ENTITY, "m"), "NoSuchEntity", 404),
                Arguments.of(new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "m"), "EntityAlreadyExists",
                        409),
                Arguments.of(new IamException(IamException.Reason.DELETE_CONFLICT, "m"), "DeleteConflict", 409),
                Arguments.of(new IamException(IamException.Reason.LIMIT_EXCEEDED, "m"), "LimitExceeded", 409),
                Arguments.of(new IamException(IamException.Reason.MALFORMED_POLICY_DOCUMENT, "m"),
                        "MalformedPolicyDocument", 400),
                Arguments.of(new MalformedPolicyException("m"), "MalformedPolicyDocument", 400),
                Arguments.of(new IamException(IamException.Reason.VALIDATION_ERROR, "m"), "ValidationError", 400),
                Arguments.of(new IamException(IamException.Reason.ACCESS_DENIED, "m"), "AccessDenied", 403),
                Arguments.of(new IamException(IamException.Reason.EXPIRED_TOKEN, "m"), "ExpiredToken", 403),
                Arguments.of(new IamException(IamException.Reason.INVALID_TOKEN, "m"), "InvalidClientTokenId", 403),
                Arguments.of(new AuthException(AuthException.Reason.INVALID_ACCESS_KEY_ID, "m"), "InvalidClientTokenId",
                        403),
                Arguments.of(new AuthException(AuthException.Reason.SIGNATURE_DOES_NOT_MATCH, "m"),
                        "SignatureDoesNotMatch", 403),
                Arguments.of(new IamException(IamException.Reason.SECRET_UNREADABLE, "secret detail"),
                        "ServiceFailure", 500),
                Arguments.of(new IllegalStateException("bug"), "ServiceFailure", 500));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failures")
    void mapsEveryFailureToIamsCodeAndStatus(RuntimeException failure, String code, int status) {
        IamApiException answer = QueryErrors.toQuery(failure);
        assertEquals(code, answer.error().code());
        assertEquals(status, answer.error().status());
        assertEquals(status >= 500 ? "Receiver" : "Sender", answer.error().type());
        if (status >= 500) assertEquals(IamError.SERVICE_FAILURE.message(), answer.getMessage());
    }
}
