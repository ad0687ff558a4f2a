package dev.eksauth.token;

/** Which STS endpoint a token is signed for. */
public enum StsEndpointType {
    /** The endpoint of the signing region, e.g. {@code sts.eu-west-1.amazonaws.com}: the default. */
    REGIONAL,
    /** The global {@code sts.amazonaws.com}, signed for {@code us-east-1}; {@code aws} partition only. */
    GLOBAL
}
