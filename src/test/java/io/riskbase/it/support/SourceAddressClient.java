package io.riskbase.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A plain HTTP/1.1 client whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so a test
 * can play several clients on one machine; Java's HttpClient cannot bind a source address. One request per connection
 * ({@code Connection: close}).
 */
public final class SourceAddressClient {

    private final InetAddress source;

    public SourceAddressClient(String sourceAddress) {
        try {
            this.source = InetAddress.getByName(sourceAddress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status line code of a JSON POST to 127.0.0.1:port with the extra headers. */
    public int postJson(int port, String path, String json, Map<String, String> headers) {
        StringBuilder request = new StringBuilder()
                .append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port)
                .append("\r\nContent-Type: application/json\r\nConnection: close\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String response = readAll(socket.getInputStream());
            if (!response.startsWith("HTTP/1.1 ")) {
                throw new IllegalStateException("not an HTTP response: " + response);
            }
            return Integer.parseInt(response.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
