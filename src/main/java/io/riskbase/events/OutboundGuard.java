package io.riskbase.events;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The SSRF guard of outbound webhook requests: a URL is refused when its host resolves to any loopback, private,
 * link-local (cloud metadata), unique-local, carrier-grade NAT, multicast or unspecified address, unless the operator
 * allowed that network ({@code riskbase.webhooks.allowed-private-networks}, CIDRs). Checked when a webhook is saved and
 * again before every delivery (DNS may change in between).
 */
public final class OutboundGuard {

    private final List<Cidr> allowed;
    private final Function<String, InetAddress[]> resolver;

    public OutboundGuard(List<String> allowedNetworks, Function<String, InetAddress[]> resolver) {
        this.allowed = allowedNetworks.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Cidr::parse)
                .toList();
        this.resolver = resolver;
    }

    public static InetAddress[] dns(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new InetAddress[0];
        }
    }

    /** Why the URL may not be called, or null when it may. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return "url is not a valid URI";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "url must be http or https";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "url must name a host (and no user info)";
        }
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        InetAddress[] addresses = resolver.apply(host);
        if (addresses.length == 0) {
            return "url host " + host + " does not resolve";
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowed.stream().noneMatch(c -> c.contains(address))) {
                return "url host " + host + " resolves to a loopback, private or link-local address ("
                        + address.getHostAddress() + "), which webhooks may not call";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            // 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15 (benchmarking), 240/4
            return first == 0
                    || (first == 100 && second >= 64 && second < 128)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:a.b.c.d is caught by Java as the IPv4 address itself
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }

    /** An address block, {@code a.b.c.d/n} or {@code x::y/n}; a bare address is a block of one. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            try {
                byte[] net = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
                if (bits < 0 || bits > net.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                return new Cidr(net, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
