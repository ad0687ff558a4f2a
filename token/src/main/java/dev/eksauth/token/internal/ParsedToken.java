package dev.eksauth.token.internal;

import java.net.URI;
import java.time.Instant;

import dev.eksauth.core.StsHost;

/**
 * A token that passed every local check. Holds the presigned URL, so it is a secret: never log it.
 * Not public API.
 *
 * @param url the presigned GetCallerIdentity URL
 * @param host the STS host it is signed for
 * @param accessKeyId the access key id from {@code X-Amz-Credential}
 * @param signedAt {@code X-Amz-Date}
 */
public record ParsedToken(URI url, StsHost host, String accessKeyId, Instant signedAt) {
    @Override
    public String toString() {
        return "ParsedToken[host=" + host.hostname() + ", accessKeyId=" + accessKeyId + ", signedAt=" + signedAt + "]";
    }
}
