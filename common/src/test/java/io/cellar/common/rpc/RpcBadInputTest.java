package io.cellar.common.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.StringValue;
import io.cellar.common.conf.Configuration;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malformed, oversized and stalled frames close that connection; other clients keep working. */
class RpcBadInputTest {
  private static final int MAX_FRAME = 64 * 1024;
  private RpcServer server;
  private RpcClient client;

  @BeforeEach
  void start() throws Exception {
    Configuration conf = new Configuration()
        .setInt(RpcServer.MAX_FRAME_BYTES, MAX_FRAME)
        .setLong(RpcServer.PARTIAL_FRAME_TIMEOUT_MS, 300);
    server = new RpcServer(conf, "127.0.0.1", 0);
    server.register("Echo", new EchoService().methods());
    server.start();
    client = new RpcClient(conf);
    assertEchoWorks("before");
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private void assertEchoWorks(String s) throws Exception {
    RpcResponse r = client.call(server.getHostPort(), "Echo", "echo", StringValue.of(s),
        CellBlock.empty(), 20_000).get(20, TimeUnit.SECONDS);
    assertEquals(s, r.parse(StringValue.parser()).getValue());
  }

  private Socket rawSocket() throws IOException {
    Socket s = new Socket("127.0.0.1", server.getPort());
    s.setSoTimeout(20_000); // a safety net; the server closes long before
    return s;
  }

  /** Blocks until the server closes the socket; EOF (or reset) proves it did. */
  private static void assertClosedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      while (in.read() != -1) {
        // drain anything the server sent before closing
      }
    } catch (java.net.SocketException reset) {
      // a reset is also a close
    }
  }

  @Test
  void randomBytesCloseThatConnectionOnly() throws Exception {
    Random rnd = new Random(42);
    for (int round = 0; round < 5; round++) {
      try (Socket s = rawSocket()) {
        byte[] junk = new byte[1000];
        rnd.nextBytes(junk);
        junk[0] = (byte) (round % 2 == 0 ? 0x7f : 0x00); // huge length, or a small bogus frame
        junk[1] = 0; junk[2] = 0; junk[3] = (byte) (round % 2 == 0 ? 0 : 20);
        s.getOutputStream().write(junk);
        s.getOutputStream().flush();
        assertClosedByServer(s);
      }
      assertEchoWorks("after junk " + round);
    }
  }

  @Test
  void oversizedFrameIsRefused() throws Exception {
    try (Socket s = rawSocket()) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(MAX_FRAME + 1);
      out.write(new byte[128]);
      out.flush();
      assertClosedByServer(s);
    }
    assertEchoWorks("after oversized");
  }

  @Test
  void negativeOrZeroLengthIsRefused() throws Exception {
    for (int len : new int[] {0, -5}) {
      try (Socket s = rawSocket()) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(len);
        out.flush();
        assertClosedByServer(s);
      }
    }
    assertEchoWorks("after bad lengths");
  }

  @Test
  void oversizedResponseBecomesAnError() throws Exception {
    java.util.concurrent.CompletableFuture<RpcResponse> f = client.call(server.getHostPort(),
        "Echo", "bytes", com.google.protobuf.Int64Value.of(MAX_FRAME + 10), CellBlock.empty(),
        20_000);
    java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
    org.junit.jupiter.api.Assertions.assertInstanceOf(
        io.cellar.common.exceptions.DoNotRetryException.class, e.getCause());
    assertEquals(1000, client.call(server.getHostPort(), "Echo", "bytes",
        com.google.protobuf.Int64Value.of(1000), CellBlock.empty(), 20_000)
        .get(20, TimeUnit.SECONDS).cells().length());
  }

  @Test
  void stalledHalfWrittenFrameIsClosed() throws Exception {
    try (Socket s = rawSocket()) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(100);
      out.write(new byte[10]);
      out.flush();
      assertEchoWorks("while a frame is stalled");
      assertClosedByServer(s);
    }
    assertEchoWorks("after stalled frame");
  }

  @Test
  void halfWrittenFrameThenEofIsClosed() throws Exception {
    try (Socket s = rawSocket()) {
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(100);
      out.write(new byte[10]);
      out.flush();
      s.shutdownOutput();
      assertClosedByServer(s);
    }
    assertEchoWorks("after half frame");
  }
}
