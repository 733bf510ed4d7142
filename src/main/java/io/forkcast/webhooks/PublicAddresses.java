package io.forkcast.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which hosts an endpoint may name: only those every address of which is public, unless private addresses are
 * allowed (tests, a closed network). Checked when the endpoint is saved and again before every attempt, so a name
 * that starts resolving to an internal address later is refused then. (A name that changes between the check and
 * the connection, DNS rebinding within seconds, is not caught: the JDK's client resolves again.)
 */
final class PublicAddresses {

    private final boolean allowPrivate;

    PublicAddresses(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the host may not be called, or {@code null} when it may. */
    String refusal(String host) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return "The host " + host + " does not resolve.";
        }
        if (allowPrivate) {
            return null;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "The host " + host + " resolves to a private or reserved address (" + address.getHostAddress()
                        + "); webhooks go to public addresses only.";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0                                        // this network
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240;                                  // reserved, broadcast
        }
        return (bytes[0] & 0xfe) != 0xfc;                            // unique local fc00::/7
    }
}
