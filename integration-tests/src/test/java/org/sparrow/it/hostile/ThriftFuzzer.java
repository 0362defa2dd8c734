package org.sparrow.it.hostile;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.sparrow.common.HostPort;

/**
 * A small Thrift fuzzer: framed binary-protocol messages that are wrong in every way a stranger
 * on the network can make them, sent over raw sockets. Seeded, so a failure is reproducible.
 * Methods that change what a daemon does on purpose (drain, stop, kill) are never named.
 */
final class ThriftFuzzer {

  static final Pattern HARMFUL = Pattern.compile("(?i).*(drain|stop|shutdown|kill|cancelJob).*");
  private static final byte[] STRICT_CALL = {(byte) 0x80, 0x01, 0x00, 0x01};

  private final Random random;
  private final List<String> methods;

  ThriftFuzzer(long seed, Set<String> methods) {
    this.random = new Random(seed);
    this.methods = methods.stream().filter(m -> !HARMFUL.matcher(m).matches()).sorted().toList();
  }

  /** Kinds of malformed frame; the "soft" ones leave the connection open (the server answers). */
  enum Kind { RANDOM_BYTES, MAX_LENGTH, HUNDRED_MB_CLAIM, NEGATIVE_LENGTH, TRUNCATED, WRONG_TYPES,
    UNKNOWN_METHOD, HUGE_CONTAINER, BAD_VERSION }

  /** Connects, writes up to {@code frames} malformed frames, reads what comes back; frames written. */
  int attack(HostPort target, int frames) throws IOException {
    int written = 0;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      try {
        for (int i = 0; i < frames; i++) {
          Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
          out.write(frame(kind));
          written++;
          if (kind == Kind.TRUNCATED || kind == Kind.HUNDRED_MB_CLAIM) {
            break;  // the rest of this connection's bytes would complete the claimed frame
          }
        }
        out.flush();
        s.shutdownOutput();
      } catch (IOException closedByServer) {
        return written;  // the server closed on a frame it refused: as it should
      }
      drain(s.getInputStream());
    }
    return written;
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    try {
      while (in.read(buf) >= 0) {
        // responses to the soft frames; the server closes after our end of input
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("the server neither answered nor closed within 10 s", e);
    } catch (IOException reset) {
      // a reset after a refused frame
    }
  }

  byte[] frame(Kind kind) throws IOException {
    return switch (kind) {
      case RANDOM_BYTES -> framed(randomBytes(1 + random.nextInt(512)));
      case MAX_LENGTH -> withHeader(Integer.MAX_VALUE, randomBytes(16));
      case HUNDRED_MB_CLAIM -> withHeader(100 * 1024 * 1024, randomBytes(1024));
      case NEGATIVE_LENGTH -> withHeader(-1 - random.nextInt(1000), randomBytes(8));
      case TRUNCATED -> {
        byte[] body = message(pick(), randomStruct());
        yield withHeader(body.length + 100, body);  // claims 100 bytes more than ever come
      }
      case WRONG_TYPES -> framed(message(pick(), randomStruct()));
      case UNKNOWN_METHOD -> framed(message("noSuchMethod" + random.nextInt(1000), new byte[] {0}));
      case HUGE_CONTAINER -> framed(message(pick(), hugeContainer()));
      case BAD_VERSION -> {
        byte[] body = message(pick(), new byte[] {0});
        body[1] = (byte) (2 + random.nextInt(200));
        yield framed(body);
      }
    };
  }

  private String pick() {
    return methods.get(random.nextInt(methods.size()));
  }

  /** Fields 1..4 with random types and random payloads, then a stop byte. */
  private byte[] randomStruct() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    int fields = 1 + random.nextInt(4);
    byte[] types = {2, 3, 4, 6, 8, 10, 11, 12, 13, 14, 15};
    for (int f = 1; f <= fields; f++) {
      d.writeByte(types[random.nextInt(types.length)]);
      d.writeShort(f);
      d.write(randomBytes(random.nextInt(24)));
    }
    d.writeByte(0);
    return b.toByteArray();
  }

  /** Field 1 a list of structs claiming 2^31-1 (or 2 million) elements, with few bytes behind it. */
  private byte[] hugeContainer() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeByte(15);  // list
    d.writeShort(1);
    d.writeByte(12);  // of structs
    d.writeInt(random.nextBoolean() ? Integer.MAX_VALUE : 2_000_000);
    d.write(new byte[random.nextInt(64)]);
    return b.toByteArray();
  }

  static byte[] message(String method, byte[] args) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.write(STRICT_CALL);
    byte[] name = method.getBytes(StandardCharsets.UTF_8);
    d.writeInt(name.length);
    d.write(name);
    d.writeInt(1);  // seqid
    d.write(args);
    return b.toByteArray();
  }

  static byte[] framed(byte[] body) throws IOException {
    return withHeader(body.length, body);
  }

  static byte[] withHeader(int length, byte[] body) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(body.length + 4);
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(length);
    d.write(body);
    return b.toByteArray();
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
