package io.granary.api.it;

/**
 * One generated request: its bytes as they go on the wire and what the fuzzer may accept for it.
 *
 * @param description what was generated, printed with a failure so the case can be read without replaying
 * @param wire        every byte of the request
 * @param mayClose    the framing itself is broken (bad or lying lengths, bare CR/LF, a cut-off body), so
 *                    the server may close the connection instead of answering
 * @param halfClose   the client shuts its output after the request (an early close mid-body)
 */
record FuzzCase(String description, byte[] wire, boolean mayClose, boolean halfClose) {
}
