package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import org.junit.jupiter.api.Test;

class EvenSplitsTest {
  @Test
  void threeRegionsAreJustTheTwoBounds() {
    byte[][] keys = EvenSplits.between(Bytes.toBytes("a"), Bytes.toBytes("z"), 3);
    assertEquals(2, keys.length);
    assertArrayEquals(Bytes.toBytes("a"), keys[0]);
    assertArrayEquals(Bytes.toBytes("z"), keys[1]);
  }

  @Test
  void splitsSingleByteRangeEvenly() {
    byte[][] keys = EvenSplits.between(new byte[] {0}, new byte[] {(byte) 100}, 6);
    // 4 intervals of 25
    assertEquals(5, keys.length);
    int[] expected = {0, 25, 50, 75, 100};
    for (int i = 0; i < keys.length; i++) {
      assertEquals(1, keys[i].length);
      assertEquals(expected[i], keys[i][0] & 0xff);
    }
  }

  @Test
  void narrowRangeGetsAnotherByteOfPrecision() {
    byte[][] keys = EvenSplits.between(Bytes.toBytes("a"), Bytes.toBytes("b"), 10);
    assertEquals(9, keys.length);
    assertStrictlyAscending(keys);
    for (int i = 1; i < keys.length - 1; i++) {
      assertEquals(2, keys[i].length);
      assertEquals('a', keys[i][0]);
    }
  }

  @Test
  void keysOfDifferentLengthsArePadded() {
    byte[][] keys = EvenSplits.between(Bytes.toBytes("row"), Bytes.toBytes("rowzzz"), 20);
    assertEquals(19, keys.length);
    assertStrictlyAscending(keys);
    for (byte[] k : keys) {
      assertTrue(Bytes.startsWith(k, Bytes.toBytes("row")), Bytes.toStringBinary(k));
    }
  }

  @Test
  void numericKeysSplitLikeHBase() {
    // a common pre-split: 8-byte big-endian ids from 0 to 1000 in 10 regions
    byte[][] keys = EvenSplits.between(Bytes.toBytes(0L), Bytes.toBytes(1000L), 10);
    assertEquals(9, keys.length);
    for (int i = 0; i < keys.length; i++) {
      assertEquals(125L * i, Bytes.toLong(keys[i]));
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class,
        () -> EvenSplits.between(Bytes.toBytes("a"), Bytes.toBytes("b"), 2));
    assertThrows(IllegalArgumentException.class,
        () -> EvenSplits.between(Bytes.toBytes("b"), Bytes.toBytes("a"), 5));
    assertThrows(IllegalArgumentException.class,
        () -> EvenSplits.between(Bytes.toBytes("a"), Bytes.toBytes("a"), 5));
  }

  private static void assertStrictlyAscending(byte[][] keys) {
    for (int i = 1; i < keys.length; i++) {
      assertTrue(Bytes.compare(keys[i - 1], keys[i]) < 0, "keys " + (i - 1) + " and " + i
          + ": " + Bytes.toStringBinary(keys[i - 1]) + " / " + Bytes.toStringBinary(keys[i]));
    }
  }
}
