package io.cellar.common.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The frame splitter: payloads come out whole, as arrays of exactly their length (decoded without
 * a copy), however the stream is cut into reads; bad lengths close the stream.
 */
class RpcFrameDecoderTest {
  private static byte[] stream(byte[]... payloads) {
    int n = 0;
    for (byte[] p : payloads) {
      n += 4 + p.length;
    }
    ByteBuf b = Unpooled.buffer(n);
    for (byte[] p : payloads) {
      b.writeInt(p.length).writeBytes(p);
    }
    return b.array();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void assertPayload(byte[] expected, ByteBuf got) {
    byte[] array = RpcFrames.payloadArray(got);
    assertArrayEquals(expected, array);
    assertSame(array, RpcFrames.payloadArray(got), "the payload is its own array, not a copy");
    got.release();
  }

  @Test
  void framesCutAtEveryPointComeOutWholeAndUncopied() {
    byte[] a = random(10, 1);
    byte[] b = random(300_000, 2); // a large response arriving in many reads
    byte[] c = random(1, 3);
    byte[] all = stream(a, b, c);
    for (int chunk : new int[] {1, 3, 7, 65_536, all.length}) {
      EmbeddedChannel ch = new EmbeddedChannel(new RpcFrameDecoder(1 << 20, 0));
      for (int off = 0; off < all.length; off += chunk) {
        ch.writeInbound(Unpooled.wrappedBuffer(all, off, Math.min(chunk, all.length - off)));
      }
      assertPayload(a, ch.readInbound());
      assertPayload(b, ch.readInbound());
      assertPayload(c, ch.readInbound());
      assertNull(ch.readInbound());
      assertFalse(ch.finish());
    }
  }

  @Test
  void aFrameAboveTheFillSizeIsCollectedWholeFirst() {
    byte[] big = random(RpcFrameDecoder.DIRECT_FILL_BYTES + 10, 4);
    byte[] all = stream(big, new byte[] {5});
    EmbeddedChannel ch = new EmbeddedChannel(
        new RpcFrameDecoder(RpcFrameDecoder.DIRECT_FILL_BYTES * 2, 0));
    int half = all.length / 2;
    ch.writeInbound(Unpooled.wrappedBuffer(all, 0, half));
    assertNull(ch.readInbound());
    ch.writeInbound(Unpooled.wrappedBuffer(all, half, all.length - half));
    assertPayload(big, ch.readInbound());
    assertPayload(new byte[] {5}, ch.readInbound());
    assertFalse(ch.finish());
  }

  @Test
  void badLengthsFailTheStream() {
    for (int length : new int[] {0, -1, 1025}) {
      EmbeddedChannel ch = new EmbeddedChannel(new RpcFrameDecoder(1024, 0));
      ByteBuf b = Unpooled.buffer().writeInt(length).writeBytes(new byte[8]);
      assertThrows(DecoderException.class, () -> ch.writeInbound(b));
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void payloadsThatAreNotWholeArraysAreCopied() {
    byte[] backing = {1, 2, 3, 4};
    ByteBuf slice = Unpooled.wrappedBuffer(backing, 1, 2);
    byte[] got = RpcFrames.payloadArray(slice);
    assertArrayEquals(new byte[] {2, 3}, got);
    assertTrue(got != backing);
    assertEquals(2, RpcFrames.payloadArray(Unpooled.directBuffer().writeShort(7)).length);
  }
}
