package io.cellar.master.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitKeysTest {
  static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  @Test
  void validateSortsAndRejectsEmptyOrDuplicateKeys() throws Exception {
    List<byte[]> sorted = SplitKeys.validate(List.of(b("c"), b("a"), b("b")));
    assertEquals(List.of("a", "b", "c"), sorted.stream().map(Bytes::toString).toList());
    assertThrows(InvalidRequestException.class, () -> SplitKeys.validate(List.of(b("a"),
        b("a"))));
    assertThrows(InvalidRequestException.class, () -> SplitKeys.validate(List.of(new byte[0])));
  }

  @Test
  void regionsCoverTheKeySpaceWithoutGaps() {
    TableName t = TableName.valueOf("t");
    List<RegionInfo> rs = SplitKeys.regions(t, List.of(b("g"), b("p")), 5);
    assertEquals(3, rs.size());
    assertArrayEquals(new byte[0], rs.get(0).getStartKey());
    assertArrayEquals(b("g"), rs.get(0).getEndKey());
    assertArrayEquals(b("g"), rs.get(1).getStartKey());
    assertArrayEquals(b("p"), rs.get(1).getEndKey());
    assertArrayEquals(new byte[0], rs.get(2).getEndKey());
    assertEquals(List.of("g", "p"), SplitKeys.of(rs).stream().map(Bytes::toString).toList());
    assertEquals(1, SplitKeys.regions(t, List.of(), 5).size());
  }

  @Test
  void uniformSpacingBetweenTwoKeys() throws Exception {
    // 10 regions between 0x00.. and 0x90 (one byte): splits at 00, 10, 20, ..., 90.
    List<byte[]> keys = SplitKeys.uniform(new byte[] {0x00}, new byte[] {(byte) 0x90}, 11);
    assertEquals(10, keys.size());
    for (int i = 0; i < keys.size(); i++) {
      assertArrayEquals(new byte[] {(byte) (0x10 * i)}, keys.get(i));
    }
    List<byte[]> text = SplitKeys.uniform(b("aaa"), b("zzz"), 5);
    assertEquals(4, text.size());
    assertArrayEquals(b("aaa"), text.get(0));
    assertArrayEquals(b("zzz"), text.get(3));
    for (int i = 1; i < text.size(); i++) {
      assertTrue(Bytes.compare(text.get(i - 1), text.get(i)) < 0, "strictly increasing");
    }
  }

  @Test
  void uniformRejectsBadRanges() {
    assertThrows(InvalidRequestException.class, () -> SplitKeys.uniform(b("b"), b("a"), 5));
    assertThrows(InvalidRequestException.class, () -> SplitKeys.uniform(b("a"), b("b"), 2));
  }
}
