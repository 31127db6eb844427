package io.palisade.gateway.proxy;

/** The services behind the gateway. */
public enum Upstream {
    AUTH, USER
}
