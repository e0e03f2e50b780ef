package io.riskbase.it.partition;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;

/**
 * Several hosts on one machine: each host is a network namespace ({@code rbp-<host>}) plugged by veth pairs into up to
 * three bridges in the root namespace, one per network, so that one host can lose one network while keeping the others:
 *
 * <ul>
 *   <li>{@code front} 10.231.0.0/24 — clients (this test, in the root namespace at .1) to the Riskbase nodes;
 *   <li>{@code cache} 10.232.0.0/24 — nodes, Redis hosts and sentinels;
 *   <li>{@code db} 10.233.0.0/24 — nodes and PostgreSQL.
 * </ul>
 *
 * A host has the same last octet on every network it joins. {@link #cut} sets the root end of one host's veth on one
 * network down (the host keeps its other networks), {@link #restore} sets it up again. Packets on a cut link are
 * dropped, not refused: open TCP connections hang as in a real partition. Needs root and iproute2; {@link #create}
 * skips the test (JUnit assumption) where namespaces cannot be made.
 */
final class NetworkLab implements AutoCloseable {

    enum Net {
        FRONT("f", 231),
        CACHE("c", 232),
        DB("d", 233);

        final String letter;
        final int subnet;

        Net(String letter, int subnet) {
            this.letter = letter;
            this.subnet = subnet;
        }

        String bridge() {
            return "rbpbr" + letter;
        }

        /** The root namespace's address on this network: where in-test proxies listen. */
        String rootAddress() {
            return address(1);
        }

        String address(int octet) {
            return "10." + subnet + ".0." + octet;
        }
    }

    private static final Logger LOG = Logger.getLogger(NetworkLab.class.getName());

    private final Map<String, Integer> hosts = new LinkedHashMap<>();
    private final List<String> veths = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private NetworkLab() {}

    /** A lab with the three bridges, or a skipped test where this machine cannot make namespaces. */
    static NetworkLab create() {
        String why = unavailableBecause();
        Assumptions.assumeTrue(why == null, () -> "network namespaces unavailable, partition tests skipped: " + why);
        NetworkLab lab = new NetworkLab();
        lab.removeLeftovers();
        for (Net net : Net.values()) {
            lab.ip("link", "add", net.bridge(), "type", "bridge");
            lab.ip("addr", "add", net.rootAddress() + "/24", "dev", net.bridge());
            lab.ip("link", "set", net.bridge(), "up");
        }
        return lab;
    }

    private static String unavailableBecause() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not running as root";
        }
        if (!new File("/sbin/ip").canExecute()
                && !new File("/usr/sbin/ip").canExecute()
                && !new File("/bin/ip").canExecute()) {
            return "no iproute2 'ip' command";
        }
        Result probe = exec(List.of("ip", "netns", "add", "rbp-probe"));
        if (probe.code != 0) {
            return "'ip netns add' failed: " + probe.output.strip();
        }
        exec(List.of("ip", "netns", "delete", "rbp-probe"));
        return null;
    }

    /** Namespace {@code rbp-<name>} with address {@code octet} on each of the networks. */
    void host(String name, int octet, Net... nets) {
        String ns = namespace(name);
        ip("netns", "add", ns);
        hosts.put(name, octet);
        ipIn(ns, "link", "set", "lo", "up");
        for (Net net : nets) {
            String outside = veth(name, net);
            String inside = outside + "i";
            ip("link", "add", outside, "type", "veth", "peer", "name", inside);
            veths.add(outside);
            ip("link", "set", inside, "netns", ns);
            ip("link", "set", outside, "master", net.bridge());
            ip("link", "set", outside, "up");
            ipIn(ns, "addr", "add", net.address(octet) + "/24", "dev", inside);
            ipIn(ns, "link", "set", inside, "up");
        }
    }

    /** The host's address on a network. */
    String address(String host, Net net) {
        return net.address(hosts.get(host));
    }

    /** Drops every packet between the host and the network, in both directions. */
    void cut(String host, Net net) {
        ip("link", "set", veth(host, net), "down");
        LOG.info("cut " + host + " from " + net);
    }

    void restore(String host, Net net) {
        ip("link", "set", veth(host, net), "up");
        LOG.info("restored " + host + " on " + net);
    }

    /** The command prefix that runs a program inside the host's namespace. */
    static List<String> inside(String host) {
        return List.of("ip", "netns", "exec", namespace(host));
    }

    /** Starts a program inside the host's namespace; it is killed when the lab closes. Output goes to the file. */
    Process start(String host, File log, String... command) {
        List<String> full = new ArrayList<>(inside(host));
        full.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command inside the host's namespace and returns its output; fails on a non-zero exit. */
    String run(String host, String... command) {
        List<String> full = new ArrayList<>(inside(host));
        full.addAll(List.of(command));
        Result r = exec(full);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", full) + " -> " + r.code + ": " + r.output);
        }
        return r.output;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeLeftovers();
    }

    /** Deletes every rbp namespace, veth and bridge this lab makes, also those a killed earlier run left behind. */
    private void removeLeftovers() {
        for (String ns : exec(List.of("ip", "netns", "list")).output.split("\n")) {
            String name = ns.split("\\s+")[0];
            if (name.startsWith("rbp-")) {
                exec(List.of("ip", "netns", "delete", name));
            }
        }
        for (String line : exec(List.of("ip", "-o", "link", "show")).output.split("\n")) {
            String[] fields = line.split(":\\s+");
            if (fields.length > 1) {
                String name = fields[1].split("@")[0];
                if (name.startsWith("rbp")) {
                    exec(List.of("ip", "link", "delete", name));
                }
            }
        }
    }

    static String namespace(String host) {
        return "rbp-" + host;
    }

    private static String veth(String host, Net net) {
        return "rbp" + host + net.letter;
    }

    private void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Result r = exec(command);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " -> " + r.code + ": " + r.output);
        }
    }

    private void ipIn(String ns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
        command.addAll(List.of(args));
        Result r = exec(command);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " -> " + r.code + ": " + r.output);
        }
    }

    private record Result(int code, String output) {}

    private static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
