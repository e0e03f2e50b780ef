package io.riskbase.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;

/**
 * An HTTP/1.1 client whose socket is bound to a chosen local address, so that one test machine can be many clients: any
 * 127.0.0.0/8 address reaches a server listening on 127.0.0.1, and the server sees it as the client's address. Java
 * 17's {@link HttpClient} cannot choose its local address. The request line is written exactly as given, so path
 * variants ({@code ;x=1}, {@code %6C}, {@code //}, {@code /./}) reach the server unchanged. One connection per request
 * ({@code Connection: close}).
 */
public final class AddressedClient {

    private final InetAddress local;
    private final String host;
    private final int port;
    private final Map<String, String> headers;

    private AddressedClient(InetAddress local, String host, int port, Map<String, String> headers) {
        this.local = local;
        this.host = host;
        this.port = port;
        this.headers = headers;
    }

    /** A client of the node at {@code baseUrl} (http://host:port) connecting from {@code localAddress}. */
    public static AddressedClient from(String localAddress, String baseUrl) {
        URI base = URI.create(baseUrl);
        try {
            return new AddressedClient(InetAddress.getByName(localAddress), base.getHost(), base.getPort(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public AddressedClient as(String bearerToken) {
        return withHeader("Authorization", "Bearer " + bearerToken);
    }

    /** The same client sending one more header on every request (e.g. a forged {@code X-Forwarded-For}). */
    public AddressedClient withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new AddressedClient(local, host, port, Map.copyOf(more));
    }

    public String address() {
        return local.getHostAddress();
    }

    public ApiResponse get(String rawPath) {
        return send("GET", rawPath, null);
    }

    public ApiResponse post(String rawPath, String jsonBody) {
        return send("POST", rawPath, jsonBody);
    }

    public ApiResponse send(String method, String rawPath, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(rawPath)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\nConnection: close\r\nAccept: application/json\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (jsonBody != null || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        String request = method + " " + rawPath + " from " + address();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return new ApiResponse(request, parse(request, socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(request + " failed", e);
        }
    }

    private static HttpResponse<String> parse(String request, InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException(request + ": incomplete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] raw = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        String body = new String(chunked ? dechunk(raw) : raw, StandardCharsets.UTF_8);
        return new Response(status, HttpHeaders.of(headers, (k, v) -> true), body);
    }

    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < raw.length) {
            int lineEnd = indexOfCrlf(raw, pos);
            String sizeLine = new String(raw, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] raw, int from) {
        for (int i = from; i < raw.length - 1; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    private record Response(int statusCode, HttpHeaders headers, String body) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
